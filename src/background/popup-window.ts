/**
 * Shows the prompt: the toolbar popup via chrome.action.openPopup() (Chrome 127+, headless too), or a
 * small popup window where that fails (no focused window, older browsers). Connected popups are told
 * to refresh instead of opening a second one.
 */
import browser from 'webextension-polyfill';

const connected = new Set<browser.Runtime.Port>();

export function trackPopupPort(port: browser.Runtime.Port): void {
  connected.add(port);
  port.onDisconnect.addListener(() => connected.delete(port));
}

export function refreshPopups(): void {
  for (const port of connected) port.postMessage({ type: 'refresh' });
}

/** Our popup page is open somewhere (toolbar popup, fallback window or tab), even if its port is not back yet. */
async function popupIsOpen(): Promise<boolean> {
  if (connected.size > 0) return true;
  if (!chrome.runtime.getContexts) return false;
  const url = browser.runtime.getURL('popup/popup.html');
  const contexts = await chrome.runtime.getContexts({});
  return contexts.some((c) => c.documentUrl?.startsWith(url) ?? false);
}

export async function showPopup(): Promise<void> {
  if (await popupIsOpen()) {
    // An open popup re-reads the queue when it reconnects or is told to refresh.
    refreshPopups();
    return;
  }
  try {
    await chrome.action.openPopup();
  } catch {
    await browser.windows.create({
      url: browser.runtime.getURL('popup/popup.html?window=1'),
      type: 'popup',
      width: 400,
      height: 620,
      focused: true,
    });
  }
}
