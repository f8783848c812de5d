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

export async function showPopup(): Promise<void> {
  if (connected.size > 0) {
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
