/**
 * The value each credential's counter froze at under a counter fault (fault-runner.ts), in
 * storage.local so it stays frozen across the worker's restarts. Forgotten whenever a fault changes:
 * turned on again, a fault freezes at the counter's last use before that.
 */
import browser from 'webextension-polyfill';

const FROZEN_KEY = 'workbench/frozen-counters';

async function read(): Promise<Record<string, number>> {
  const value = (await browser.storage.local.get(FROZEN_KEY))[FROZEN_KEY];
  return typeof value === 'object' && value !== null ? (value as Record<string, number>) : {};
}

export async function frozenCounter(credentialId: string, lastUsed: number): Promise<number> {
  const frozen = await read();
  const known = frozen[credentialId];
  if (typeof known === 'number') return known;
  await browser.storage.local.set({ [FROZEN_KEY]: { ...frozen, [credentialId]: lastUsed } });
  return lastUsed;
}

export function forgetFrozenCounters(): Promise<void> {
  return browser.storage.local.remove(FROZEN_KEY);
}
