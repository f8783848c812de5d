/**
 * Schedules clearing of a copied code in an offscreen document, which outlives the popup. Chrome only
 * (chrome.offscreen); elsewhere the popup's own timer is the fallback.
 */
import browser from 'webextension-polyfill';
import { send } from '../../messages/client.ts';

const URL_PATH = 'offscreen/clipboard.html';

let creating: Promise<void> | undefined;

export async function clearClipboardLater(afterMs: number): Promise<boolean> {
  if (!chrome.offscreen) return false;
  // One document at a time: Chrome refuses a second one, so concurrent copies share the creation.
  creating ??= ensureDocument().finally(() => {
    creating = undefined;
  });
  await creating;
  await send('offscreen/clear-clipboard', { afterMs });
  return true;
}

async function ensureDocument(): Promise<void> {
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
}
