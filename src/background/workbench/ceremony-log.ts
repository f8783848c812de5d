/**
 * The ceremony log in storage.local: it survives the worker's restarts, holds the last 200 entries,
 * and a workbench page hears of each write through storage.onChanged on the index key.
 *
 * One key per entry and a small index (ids and sizes, newest first): appending writes the new entry
 * and the index, never the whole log again. Rewriting a log of 200 decoded ceremonies on every
 * append cost the worker tens of milliseconds, on the path of the next ceremony (issue 10's speed).
 * Writes are queued behind each other and never awaited by a ceremony; a failure is reported to the
 * console and dropped, so recording can neither slow nor break a sign-in.
 */
import browser from 'webextension-polyfill';
import { LOG_INDEX_KEY } from '../../messages/workbench-protocol.ts';
import type { CeremonyLogEntry } from '../../workbench-core/types.ts';

/** Under LOG_INDEX_KEY: `{ id, size }` newest first. */
const ENTRY_PREFIX = 'workbench/log/';
/** Where the log was kept before, as one array: moved to the index on first use. */
const OLD_LOG_KEY = 'workbench/log';
export const LOG_LIMIT = 200;
/** storage.local holds 10 MB without `unlimitedStorage`; the log keeps to 4 MB of it. */
const LOG_MAX_CHARS = 4_000_000;

interface IndexItem {
  id: string;
  /** The entry's JSON length: the 4 MB budget is kept without reading the entries. */
  size: number;
}

const entryKey = (id: string) => `${ENTRY_PREFIX}${id}`;

let writes: Promise<unknown> = Promise.resolve();

function isIndex(value: unknown): value is IndexItem[] {
  return (
    Array.isArray(value) &&
    value.every(
      (i) => typeof i === 'object' && i !== null && typeof i.id === 'string' && typeof i.size === 'number',
    )
  );
}

/** Keeps the newest items within LOG_LIMIT and LOG_MAX_CHARS; returns what stays and what goes. */
function trim(items: IndexItem[]): { kept: IndexItem[]; dropped: IndexItem[] } {
  const kept = items.slice(0, LOG_LIMIT);
  const dropped = items.slice(LOG_LIMIT);
  let size = kept.reduce((sum, i) => sum + i.size, 0);
  while (kept.length > 1 && size > LOG_MAX_CHARS) {
    const last = kept.pop() as IndexItem;
    size -= last.size;
    dropped.push(last);
  }
  return { kept, dropped };
}

async function readIndex(): Promise<IndexItem[]> {
  const got = await browser.storage.local.get([LOG_INDEX_KEY, OLD_LOG_KEY]);
  if (isIndex(got[LOG_INDEX_KEY])) return got[LOG_INDEX_KEY];
  const old = got[OLD_LOG_KEY];
  if (!Array.isArray(old)) return [];
  // The one-array log of earlier versions: each entry to its own key, then the array goes.
  const entries = (old as CeremonyLogEntry[]).filter((e) => typeof e?.id === 'string');
  const { kept } = trim(entries.map((e) => ({ id: e.id, size: JSON.stringify(e).length })));
  const byId = new Map(entries.map((e) => [e.id, e]));
  await browser.storage.local.set({
    ...Object.fromEntries(kept.map((i) => [entryKey(i.id), byId.get(i.id)])),
    [LOG_INDEX_KEY]: kept,
  });
  await browser.storage.local.remove(OLD_LOG_KEY);
  return kept;
}

function queue<T>(change: () => Promise<T>): Promise<T> {
  const run = writes.then(change);
  writes = run.catch((e: unknown) =>
    console.warn('Tapkey: the workbench log was not written', e instanceof Error ? e.message : typeof e),
  );
  return run;
}

/** Adds an entry (newest first), dropping the oldest beyond the limits. Fire and forget. */
export function appendLog(entry: CeremonyLogEntry): void {
  void queue(async () => {
    const { kept, dropped } = trim([
      { id: entry.id, size: JSON.stringify(entry).length },
      ...(await readIndex()),
    ]);
    await browser.storage.local.set({ [entryKey(entry.id)]: entry, [LOG_INDEX_KEY]: kept });
    if (dropped.length > 0) await browser.storage.local.remove(dropped.map((i) => entryKey(i.id)));
  }).catch(() => undefined);
}

/**
 * The log's ids, newest first, and the entries for those not in `have` (what a workbench page
 * already shows): a page that follows the log fetches each entry once.
 */
export async function readLog(have: readonly string[] = []): Promise<{
  ids: string[];
  entries: CeremonyLogEntry[];
}> {
  // After the queued writes: a page told of a change reads what changed.
  const index = await queue(readIndex);
  const ids = index.map((i) => i.id);
  const known = new Set(have);
  const wanted = ids.filter((id) => !known.has(id));
  if (wanted.length === 0) return { ids, entries: [] };
  const got = await browser.storage.local.get(wanted.map(entryKey));
  const entries = wanted
    .map((id) => got[entryKey(id)] as CeremonyLogEntry | undefined)
    .filter((e): e is CeremonyLogEntry => e !== undefined);
  return { ids, entries };
}

export function clearLog(): Promise<void> {
  return queue(async () => {
    const index = await readIndex();
    await browser.storage.local.remove([LOG_INDEX_KEY, OLD_LOG_KEY, ...index.map((i) => entryKey(i.id))]);
  });
}
