/**
 * User settings kept in storage.local: the sites whose requests go straight to the browser. Read on
 * every ceremony, so the list is cached and kept fresh by storage.onChanged (a restore, another
 * worker life or a test may change it).
 */
import browser from 'webextension-polyfill';

const BYPASS_KEY = 'bypassOrigins';

let cache: string[] | undefined;

const parse = (list: unknown): string[] =>
  Array.isArray(list) ? list.filter((o): o is string => typeof o === 'string') : [];

browser.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && BYPASS_KEY in changes) cache = parse(changes[BYPASS_KEY]?.newValue);
});

export async function bypassOrigins(): Promise<string[]> {
  if (cache) return [...cache];
  const got = await browser.storage.local.get(BYPASS_KEY);
  cache = parse(got[BYPASS_KEY]);
  return [...cache];
}

export async function isBypassed(origin: string): Promise<boolean> {
  return (await bypassOrigins()).includes(origin);
}

export async function setBypass(origin: string, bypass: boolean): Promise<string[]> {
  let normalized: string;
  try {
    normalized = new URL(origin).origin;
  } catch {
    return bypassOrigins();
  }
  const list = (await bypassOrigins()).filter((o) => o !== normalized);
  if (bypass) list.push(normalized);
  list.sort();
  cache = list;
  await browser.storage.local.set({ [BYPASS_KEY]: list });
  return [...list];
}
