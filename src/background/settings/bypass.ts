/**
 * User settings kept in storage.local: the sites whose requests go straight to the browser. Read on
 * every ceremony, so served from memory (cached-local.ts).
 */
import { cachedLocal } from '../cached-local.ts';

const stored = cachedLocal('bypassOrigins', (list: unknown): string[] =>
  Array.isArray(list) ? list.filter((o): o is string => typeof o === 'string') : [],
);

/** A copy: callers change their list, never the cached one. */
export async function bypassOrigins(): Promise<string[]> {
  return [...(await stored.get())];
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
  await stored.set(list);
  return [...list];
}
