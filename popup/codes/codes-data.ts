/**
 * What the Codes tab shows first: the tab it works on and the first screenful of its accounts, in the
 * order the list shows them (the tab site's first, src/totp/display-order.ts). All of them at once
 * were a 360 kB answer at 1,000 accounts, 20–40 ms before anything was drawn; `rest` asks for them
 * once that screen is on its way. Fetched once at popup start, beside the prompt check, when the
 * Codes tab is going to be shown; the first render takes it, later renders (after an add or a change)
 * fetch afresh.
 */
import { send } from '../../src/messages/client.ts';
import type { RuntimeResponse } from '../../src/messages/protocol.ts';
import { webHostname } from '../format.ts';
import { type TargetTab, targetTab } from './target-tab.ts';

/**
 * Accounts in the first answer, and rows built before the first paint: the popup's first screen
 * (8 rows) and a few more. Each row costs about 0.25 ms to build in the popup, and 40 of them held
 * the first paint of a 1,000-account list back by 5–10 ms; the rest are built when the renderer is
 * idle, long before a user can scroll to them.
 */
export const FIRST_SCREEN_ACCOUNTS = 12;

export interface CodesData {
  tab: TargetTab;
  /** The first FIRST_SCREEN_ACCOUNTS accounts, and how many there are. */
  result: RuntimeResponse<'otp/list'>;
  /** Asks for every account, with the same site's scores. */
  rest(): Promise<RuntimeResponse<'otp/list'>>;
}

let prefetched: Promise<CodesData> | undefined;

/** `first`: how many accounts the first answer holds (all of them when absent). */
async function fetchCodesData(first?: number): Promise<CodesData> {
  // The tab first: the first screen's order puts its site's accounts first.
  const tab = await targetTab();
  const hostname = webHostname(tab.url);
  const site = hostname ? { hostname } : {};
  const result = await send('otp/list', first === undefined ? site : { ...site, first });
  return { tab, result, rest: () => send('otp/list', site) };
}

/** Starts fetching now, for the render that will follow. */
export function prefetchCodesData(): void {
  prefetched ??= fetchCodesData(FIRST_SCREEN_ACCOUNTS);
  // Unused if the user never sees the tab: not an unhandled rejection.
  prefetched.catch(() => undefined);
}

/**
 * The prefetched data the first time, fresh data afterwards: its first screen, or with `whole` every
 * account at once (a render after the user's own change, which may focus a row past the first screen).
 */
export function codesData(whole = false): Promise<CodesData> {
  const taken = prefetched ?? fetchCodesData(whole ? undefined : FIRST_SCREEN_ACCOUNTS);
  prefetched = undefined;
  return taken;
}
