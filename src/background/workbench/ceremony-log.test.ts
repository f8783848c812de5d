/**
 * The ceremony log keeps one storage key per entry: an append writes the new entry and a small index,
 * never the whole log (rewriting 200 decoded ceremonies cost the worker tens of milliseconds on the
 * next ceremony's path), and a workbench page fetches only what it does not show yet.
 */

import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fake } from '../../../test/fakes/browser-global.ts';
import type { CeremonyLogEntry } from '../../workbench-core/types.ts';
import { appendLog, clearLog, LOG_LIMIT, readLog } from './ceremony-log.ts';

const entry = (n: number): CeremonyLogEntry => ({
  id: `entry-${n}`,
  time: n,
  durationMs: 1,
  origin: 'http://localhost:8080',
  kind: 'get',
  gate: 'auto',
  outcome: 'result',
  sent: { challenge: 'x'.repeat(100) },
});

const local = () => fake.browser.storage.local;

beforeEach(() => fake.reset());

describe('the ceremony log', () => {
  it('lists entries newest first, and only those a page does not have yet', async () => {
    for (const n of [1, 2, 3]) appendLog(entry(n));
    const all = await readLog();
    expect(all.ids).toEqual(['entry-3', 'entry-2', 'entry-1']);
    expect(all.entries.map((e) => e.id)).toEqual(['entry-3', 'entry-2', 'entry-1']);
    appendLog(entry(4));
    const newer = await readLog(all.ids);
    expect(newer.ids).toEqual(['entry-4', 'entry-3', 'entry-2', 'entry-1']);
    expect(newer.entries.map((e) => e.id)).toEqual(['entry-4']);
  });

  it('writes the new entry and the index on an append, never the entries before it', async () => {
    for (let n = 0; n < 20; n++) appendLog(entry(n));
    await readLog();
    const set = vi.spyOn(local(), 'set');
    appendLog(entry(99));
    await readLog();
    const written = set.mock.calls.flatMap(([items]) => Object.keys(items));
    expect(written.sort()).toEqual(['workbench/log-index', 'workbench/log/entry-99']);
    set.mockRestore();
  });

  it(`keeps the newest ${LOG_LIMIT} and removes the keys of the others`, async () => {
    for (let n = 0; n < LOG_LIMIT + 5; n++) appendLog(entry(n));
    const { ids } = await readLog();
    expect(ids).toHaveLength(LOG_LIMIT);
    expect(ids[0]).toBe(`entry-${LOG_LIMIT + 4}`);
    expect(ids.at(-1)).toBe('entry-5');
    const keys = [...local().items.keys()].filter((k) => k.startsWith('workbench/log/'));
    expect(keys).toHaveLength(LOG_LIMIT);
    expect(local().items.has('workbench/log/entry-4')).toBe(false);
  });

  it('moves a log kept as one array (earlier versions) to one key per entry', async () => {
    await local().set({ 'workbench/log': [entry(2), entry(1)] });
    const { ids, entries } = await readLog();
    expect(ids).toEqual(['entry-2', 'entry-1']);
    expect(entries).toEqual([entry(2), entry(1)]);
    expect(local().items.has('workbench/log')).toBe(false);
    expect(local().items.has('workbench/log/entry-1')).toBe(true);
  });

  it('clears every entry and the index', async () => {
    for (const n of [1, 2]) appendLog(entry(n));
    await clearLog();
    expect(await readLog()).toEqual({ ids: [], entries: [] });
    expect([...local().items.keys()].filter((k) => k.startsWith('workbench/log'))).toEqual([]);
  });
});
