/**
 * A value in storage.local that the worker reads on every ceremony: read once per worker life, then
 * served from memory, and kept fresh by storage.onChanged (another worker life, a restore or a test
 * may change it). Call at module top level, so the listener is there whenever the worker runs.
 */
import browser from 'webextension-polyfill';

export interface CachedLocal<T> {
  get(): Promise<T>;
  /** Stores `value` (already in the shape `parse` gives) and serves it from now on. */
  set(value: T): Promise<void>;
}

export function cachedLocal<T>(key: string, parse: (stored: unknown) => T): CachedLocal<T> {
  let cache: { value: T } | undefined;
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && key in changes) cache = { value: parse(changes[key]?.newValue) };
  });
  return {
    async get() {
      if (!cache) {
        const got = await browser.storage.local.get(key);
        cache ??= { value: parse(got[key]) };
      }
      return cache.value;
    },
    async set(value) {
      cache = { value };
      await browser.storage.local.set({ [key]: value });
    },
  };
}
