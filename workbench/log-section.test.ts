// @vitest-environment happy-dom
/**
 * The workbench's ceremony log follows the worker's log without redrawing it: each refresh asks only
 * for the entries it does not show, draws those on top and removes those the log dropped (it once
 * fetched and redrew the whole log, 200 decoded ceremonies, for every ceremony).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { CeremonyLogEntry } from '../src/workbench-core/types.ts';
import { fake } from '../test/fakes/browser-global.ts';
import { scriptedWorker } from '../test/fakes/popup-worker.ts';
import { logSection } from './log-section.ts';

const entry = (n: number): CeremonyLogEntry => ({
  id: `e${n}`,
  time: n,
  durationMs: 1,
  origin: 'http://localhost:8080',
  rpId: 'localhost',
  kind: 'get',
  gate: 'auto',
  outcome: 'result',
  sent: {},
});

let log: CeremonyLogEntry[];
let asked: string[][];

beforeEach(() => {
  fake.reset();
  log = [entry(2), entry(1)];
  asked = [];
  scriptedWorker(fake, (name, payload) => {
    if (name !== 'workbench/log') return undefined;
    const have = (payload.have as string[] | undefined) ?? [];
    asked.push(have);
    return { ids: log.map((e) => e.id), entries: log.filter((e) => !have.includes(e.id)) };
  });
  document.body.innerHTML = '';
});

const shown = () =>
  [...document.querySelectorAll<HTMLElement>('#log-list > li')].map((li) => li.dataset.entryId);

describe('the workbench ceremony log', () => {
  it('fetches and draws each entry once, newest on top, and drops what the log dropped', async () => {
    const section = logSection();
    document.body.append(section.element);
    expect((await section.refresh()).map((e) => e.id)).toEqual(['e2', 'e1']);
    const first = document.querySelector('#log-list > li');
    log = [entry(4), entry(3), entry(2)];
    const added = await section.refresh();
    expect(added.map((e) => e.id)).toEqual(['e4', 'e3']);
    expect(asked.at(-1)?.sort()).toEqual(['e1', 'e2']);
    expect(shown()).toEqual(['e4', 'e3', 'e2']);
    // The entry drawn before is the same element: not redrawn.
    expect(document.querySelector('[data-entry-id="e2"]')).toBe(first);
    expect(document.getElementById('log-count')?.textContent).toMatch(/3/);
  });
});
