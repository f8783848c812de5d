/**
 * Chrome: a service worker without a DOM, so the clipboard is cleared in an offscreen document
 * (reason CLIPBOARD) that outlives the popup; `runtime.getContexts` finds the extension's own tabs;
 * the "favicon" permission serves the browser's icon cache at `/_favicon/`.
 */
import browser from 'webextension-polyfill';
import { send } from '../messages/client.ts';
import { openContexts } from './contexts.ts';
import type { Platform } from './types.ts';

const OFFSCREEN_PATH = 'offscreen/clipboard.html';

let creating: Promise<void> | undefined;

async function ensureOffscreenDocument(): Promise<void> {
  const open = await openContexts('OFFSCREEN_DOCUMENT', browser.runtime.getURL(OFFSCREEN_PATH));
  if (open.length > 0) return;
  await chrome.offscreen.createDocument({
    url: OFFSCREEN_PATH,
    reasons: ['CLIPBOARD' as chrome.offscreen.Reason],
    justification: 'Clear a copied one-time code from the clipboard after 30 seconds.',
  });
}

let faviconPrefix: string | undefined;

export const platform: Platform = {
  name: 'chrome',
  startBackground() {
    // Nothing to wake: the offscreen document keeps its own timer.
  },
  async clearClipboardLater(afterMs) {
    if (!globalThis.chrome?.offscreen) return false;
    // One document at a time: Chrome refuses a second one, so concurrent copies share the creation.
    creating ??= ensureOffscreenDocument().finally(() => {
      creating = undefined;
    });
    await creating;
    await send('offscreen/clear-clipboard', { afterMs });
    return true;
  },
  async windowsShowing(url) {
    return (await openContexts('TAB', url)).map((c) => c.windowId);
  },
  faviconEndpoint() {
    faviconPrefix ??= browser.runtime?.getURL ? browser.runtime.getURL('/_favicon/') : '';
    return faviconPrefix;
  },
  ownOrigin() {
    // runtime.getURL gives a web accessible page a dynamic ID (use_dynamic_url); the document loaded
    // from it still has the extension's own ID as its origin.
    return `chrome-extension://${browser.runtime.id}`;
  },
  async openWorkbenchBeside(windowId) {
    // The manifest's side_panel.default_path is the workbench; the panel opens in the popup's window.
    if (windowId === undefined) throw new Error('no browser window to open the side panel in');
    await chrome.sidePanel.open({ windowId });
  },
};
