/** Which tab the popup's "Scan", "Fill" and "Check clock" act on. */
import browser from 'webextension-polyfill';
import { type MessageKey, t } from '../../i18n/messages.ts';

const OWN = browser.runtime.getURL('');

/**
 * The given tab, or else the active web tab of the last focused window. The popup passes its own
 * choice (its window's active tab, or `?tab=` when it was opened in a tab or window of its own).
 */
export async function targetTab(tabId?: number): Promise<browser.Tabs.Tab> {
  if (tabId !== undefined) return browser.tabs.get(tabId);
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  if (tab && !tab.url?.startsWith(OWN)) return tab;
  const [normal] = await browser.tabs.query({ active: true, windowType: 'normal' });
  if (!normal) throw new Error(t('error_noTab'));
  return normal;
}

/** One sentence per action and outcome: a verb slotted into a sentence would not translate. */
const WORDS = {
  fill: { denied: 'error_mayNotFill', failed: 'error_couldNotFill' },
  clock: { denied: 'error_mayNotClock', failed: 'error_couldNotClock' },
  scan: { denied: 'error_mayNotScan', failed: 'error_couldNotScan' },
} as const satisfies Record<string, { denied: MessageKey; failed: MessageKey }>;

/** Explains the errors Chrome gives when activeTab has not been granted for the tab. */
export function tabError(error: unknown, action: keyof typeof WORDS): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/activeTab|all_urls|permission|Cannot access/i.test(message)) return t(WORDS[action].denied);
  return t(WORDS[action].failed, message);
}
