/** Typed runtime messaging for extension pages (popup): one call style everywhere. */
import browser from 'webextension-polyfill';
import type { RuntimeName, RuntimeRequest, RuntimeResponse } from './protocol.ts';

export async function send<K extends RuntimeName>(
  name: K,
  payload: RuntimeRequest<K>,
): Promise<RuntimeResponse<K>> {
  return (await browser.runtime.sendMessage({ name, payload })) as RuntimeResponse<K>;
}
