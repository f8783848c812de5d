/** The tab the popup works on: its window's active tab, or `?tab=ID` when opened in a tab of its own. */
import browser from 'webextension-polyfill';

export interface TargetTab {
  id?: number;
  /** Known only when activeTab has been granted (the user opened the popup on that page). */
  url?: string;
}

export async function targetTab(): Promise<TargetTab> {
  try {
    const param = new URLSearchParams(location.search).get('tab');
    if (param !== null && /^\d+$/.test(param)) {
      const tab = await browser.tabs.get(Number(param));
      return { id: tab.id, url: tab.url };
    }
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (!tab || tab.url?.startsWith(location.origin)) return {};
    return { id: tab.id, url: tab.url };
  } catch {
    return {};
  }
}
