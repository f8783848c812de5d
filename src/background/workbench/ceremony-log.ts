/**
 * The ceremony log in storage.local: it survives the worker's restarts, holds the last 200 entries,
 * and a workbench page sees each write through storage.onChanged. Writes are queued behind each other
 * and never awaited by a ceremony; a failure is reported to the console and dropped, so recording can
 * neither slow nor break a sign-in.
 */
import browser from 'webextension-polyfill';
import type { CeremonyLogEntry } from '../../workbench-core/types.ts';

export const LOG_KEY = 'workbench/log';
export const LOG_LIMIT = 200;
/** storage.local holds 10 MB without `unlimitedStorage`; the log keeps to 4 MB of it. */
const LOG_MAX_CHARS = 4_000_000;

let writes: Promise<unknown> = Promise.resolve();

async function read(): Promise<CeremonyLogEntry[]> {
  const got = await browser.storage.local.get(LOG_KEY);
  const list = got[LOG_KEY];
  return Array.isArray(list) ? (list as CeremonyLogEntry[]) : [];
}

function queue(change: () => Promise<void>): Promise<void> {
  const run = writes.then(change);
  writes = run.catch((e: unknown) =>
    console.warn('Tapkey: the workbench log was not written', e instanceof Error ? e.message : typeof e),
  );
  return run;
}

/** Adds an entry (newest first), dropping the oldest beyond the limit. Fire and forget. */
export function appendLog(entry: CeremonyLogEntry): void {
  void queue(async () => {
    const list = [entry, ...(await read())].slice(0, LOG_LIMIT);
    // Oldest first out until the log fits (a page may send up to 64 KiB of options per item).
    let size = JSON.stringify(list).length;
    while (list.length > 1 && size > LOG_MAX_CHARS) size -= JSON.stringify(list.pop()).length + 1;
    await browser.storage.local.set({ [LOG_KEY]: list });
  }).catch(() => undefined);
}

export async function readLog(): Promise<CeremonyLogEntry[]> {
  await writes;
  return read();
}

export function clearLog(): Promise<void> {
  return queue(() => browser.storage.local.remove(LOG_KEY));
}
