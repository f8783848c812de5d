/**
 * Chrome: a service worker without a DOM, so the clipboard is cleared in an offscreen document
 * (reason CLIPBOARD) that outlives the popup, and the prompt's page is prepared in one before a
 * sign-in (offscreen-slot.ts); `runtime.getContexts` finds the extension's own tabs;
 * the "favicon" permission serves the browser's icon cache at `/_favicon/`.
 */
import browser from 'webextension-polyfill';
import { send } from '../messages/client.ts';
import { openContexts } from './contexts.ts';
import { openClipboardDocument, preloadPromptPage } from './offscreen-slot.ts';
import type { Platform } from './types.ts';

let faviconPrefix: string | undefined;

export const platform: Platform = {
  name: 'chrome',
  startBackground() {
    // Nothing to wake: the offscreen document keeps its own timer.
  },
  async clearClipboardLater(afterMs) {
    if (!globalThis.chrome?.offscreen) return false;
    await openClipboardDocument();
    await send('offscreen/clear-clipboard', { afterMs });
    return true;
  },
  async preparePrompt() {
    if (globalThis.chrome?.offscreen) await preloadPromptPage();
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
