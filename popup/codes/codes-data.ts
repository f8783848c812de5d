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
  // The list (a large answer) is asked for while the tab is looked up; the scores of the tab's site,
  // a small one, once it is known. One after the other they took 15–20 ms longer.
  const [tab, result] = await Promise.all([targetTab(), send('otp/list', {})]);
  const hostname = webHostname(tab.url);
  if (hostname && result.ok) {
    const scores = await send('otp/site-scores', { hostname });
    if (scores.ok) result.siteScores = scores.siteScores;
  }
  return { tab, result };
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
