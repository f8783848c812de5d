/** User settings kept in storage.local: the sites whose requests go straight to the browser. */
import browser from 'webextension-polyfill';

const BYPASS_KEY = 'bypassOrigins';

export async function bypassOrigins(): Promise<string[]> {
  const got = await browser.storage.local.get(BYPASS_KEY);
  const list = got[BYPASS_KEY];
  return Array.isArray(list) ? list.filter((o): o is string => typeof o === 'string') : [];
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
  await browser.storage.local.set({ [BYPASS_KEY]: list });
  return list;
}
