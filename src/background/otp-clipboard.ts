/**
 * Schedules clearing of a copied code in an offscreen document, which outlives the popup. Chrome only
 * (chrome.offscreen); elsewhere the popup's own timer is the fallback.
 */
import browser from 'webextension-polyfill';

const URL_PATH = 'offscreen/clipboard.html';

export async function clearClipboardLater(afterMs: number): Promise<boolean> {
  if (!chrome.offscreen) return false;
  const url = browser.runtime.getURL(URL_PATH);
  const open = chrome.runtime.getContexts
    ? (
        await chrome.runtime.getContexts({
          contextTypes: ['OFFSCREEN_DOCUMENT' as chrome.runtime.ContextType],
        })
      ).some((c) => c.documentUrl === url)
    : false;
  if (!open) {
    await chrome.offscreen.createDocument({
      url: URL_PATH,
      reasons: ['CLIPBOARD' as chrome.offscreen.Reason],
      justification: 'Clear a copied one-time code from the clipboard after 30 seconds.',
    });
  }
  await browser.runtime.sendMessage({ name: 'offscreen/clear-clipboard', payload: { afterMs } });
  return true;
}
