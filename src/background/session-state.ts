/**
 * State that must survive a service-worker restart but never touch disk: `chrome.storage.session`
 * (memory-only, visible to extension pages only). Writes go through one queue so that concurrent
 * read-modify-write updates from overlapping events cannot lose each other's changes.
 */
import browser from 'webextension-polyfill';

let queue: Promise<unknown> = Promise.resolve();

export async function readSession<T>(key: string, fallback: T): Promise<T> {
  const got = await browser.storage.session.get(key);
  return (got[key] as T | undefined) ?? fallback;
}

export function updateSession<T, R>(
  key: string,
  fallback: T,
  update: (value: T) => { value: T; result: R },
): Promise<R> {
  const run = queue.then(async () => {
    const current = await readSession(key, fallback);
    const { value, result } = update(current);
    await browser.storage.session.set({ [key]: value });
    return result;
  });
  queue = run.catch(() => undefined);
  return run;
}

export async function removeSession(key: string): Promise<void> {
  await browser.storage.session.remove(key);
}
