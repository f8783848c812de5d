/**
 * Firefox: the background is an event page (Manifest V3 `background.scripts`) with a DOM of its own,
 * so it writes the clipboard itself; there is no `offscreen` API and no favicon cache for extensions.
 * The page is suspended when idle, like Chrome's worker, so the clearing is an alarm (alarms wake it)
 * rather than a timer that would die with the page.
 */
import browser from 'webextension-polyfill';
import { openContexts } from './contexts.ts';
import type { Platform } from './types.ts';

const CLEAR_ALARM = 'tapkey-clear-clipboard';

/** Empties the clipboard; it never reads it (that would need clipboardRead). */
async function clearClipboard(): Promise<void> {
  try {
    // clipboardWrite lets an extension page write without a user gesture.
    await navigator.clipboard.writeText('');
  } catch {
    // execCommand('copy') needs a selection: a lone zero-width space is the emptiest value it copies.
    const area = document.createElement('textarea');
    area.value = '\u200b';
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
}

export const platform: Platform = {
  name: 'firefox',
  startBackground() {
    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === CLEAR_ALARM) void clearClipboard();
    });
  },
  async clearClipboardLater(afterMs) {
    // A later copy moves the clearing, as the offscreen document's timer does in Chrome.
    await browser.alarms.create(CLEAR_ALARM, { when: Date.now() + afterMs });
    return true;
  },
  async preparePrompt() {
    // No offscreen documents; the event page is a document already.
  },
  async windowsShowing(url) {
    return (await openContexts('TAB', url)).map((c) => c.windowId);
  },
  faviconEndpoint() {
    // `_favicon/` is Chrome's; a page's icon would have to be fetched from the site, which tells it
    // that the user has an account there. The popup shows the site's first letter instead.
    return '';
  },
  ownOrigin() {
    // moz-extension://<UUID of this profile>: the ID (tapkey@tapkey.dev) is not in the URL.
    return browser.runtime.getURL('').replace(/\/$/, '');
  },
  async openWorkbenchBeside() {
    // The manifest's sidebar_action (from Chrome's side_panel) is the workbench.
    await browser.sidebarAction.open();
  },
};
