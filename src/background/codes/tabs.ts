/** Which tab the popup's "Scan", "Fill" and "Check clock" act on. */
import browser from 'webextension-polyfill';

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
  if (!normal) throw new Error('no tab to work on: open the page first');
  return normal;
}

/** Explains the errors Chrome gives when activeTab has not been granted for the tab. */
export function tabError(error: unknown, action: string): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/activeTab|all_urls|permission|Cannot access/i.test(message)) {
    return `Tapkey may not ${action} this page. Open Tapkey from its toolbar button while the page is showing, then try again.`;
  }
  return `Could not ${action} this page: ${message}`;
}
