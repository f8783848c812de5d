/**
 * What the Codes tab shows first: the tab it works on and the worker's account list. Fetched once at
 * popup start, beside the prompt check, when the Codes tab is going to be shown; the first render
 * takes it, later renders (after an add or a change) fetch afresh.
 */
import { send } from '../../src/messages/client.ts';
import type { RuntimeResponse } from '../../src/messages/protocol.ts';
import { webHostname } from '../format.ts';
import { type TargetTab, targetTab } from './target-tab.ts';

export interface CodesData {
  tab: TargetTab;
  result: RuntimeResponse<'otp/list'>;
}

let prefetched: Promise<CodesData> | undefined;

async function fetchCodesData(): Promise<CodesData> {
  const tab = await targetTab();
  const hostname = webHostname(tab.url);
  return { tab, result: await send('otp/list', hostname ? { hostname } : {}) };
}

/** Starts fetching now, for the render that will follow. */
export function prefetchCodesData(): void {
  prefetched ??= fetchCodesData();
  // Unused if the user never sees the tab: not an unhandled rejection.
  prefetched.catch(() => undefined);
}

/** The prefetched data the first time, fresh data afterwards. */
export function codesData(): Promise<CodesData> {
  const taken = prefetched ?? fetchCodesData();
  prefetched = undefined;
  return taken;
}
