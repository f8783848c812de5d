/**
 * Where the prompt appears: the toolbar popup via chrome.action.openPopup() (Chrome 127+, headless
 * too), or a small popup window where that fails (no focused window, older browsers). Connected
 * popups are told to refresh instead of opening a second one; a popup that closes without answering
 * cancels the prompt it showed.
 */
import browser from 'webextension-polyfill';
import { isPopupToWorker } from '../../messages/guards.ts';
import type { WorkerToPopup } from '../../messages/protocol.ts';
import { answerPrompt, currentPrompt } from './prompts.ts';

const connected = new Set<browser.Runtime.Port>();
/** Popups that said they are closing: they will not show another prompt. */
const closing = new WeakSet<browser.Runtime.Port>();

let onConnectWaiters: (() => void)[] = [];

/** A popup page connected on POPUP_PORT. */
export function handlePopupPort(port: browser.Runtime.Port): void {
  trackPopupPort(port);
  let showing: string | null = null;
  port.onMessage.addListener((message: unknown) => {
    if (!isPopupToWorker(message)) return;
    if (message.type === 'closing') markClosing(port);
    else showing = message.promptId;
  });
  // Closing the popup without answering cancels what it showed (NotAllowedError for the page).
  port.onDisconnect.addListener(() => {
    if (showing) void answerPrompt(showing, { type: 'cancel' });
  });
}

function trackPopupPort(port: browser.Runtime.Port): void {
  connected.add(port);
  port.onDisconnect.addListener(() => connected.delete(port));
  for (const wake of onConnectWaiters) wake();
  onConnectWaiters = [];
}

function popupConnects(withinMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), withinMs);
    onConnectWaiters.push(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * chrome.action.openPopup() resolves even when no popup appears (e.g. the previous one was still
 * closing), so success is a popup that connects; otherwise try again, then a popup window.
 */
async function openActionPopup(): Promise<boolean> {
  const connects = popupConnects(1_500);
  try {
    await chrome.action.openPopup();
  } catch {
    return false;
  }
  return connects;
}

let closingSeen = false;

/**
 * A popup said it is closing. A prompt queued in the meantime was only "refreshed" into that closing
 * popup, so once it is gone, open a new one if anything still waits.
 */
function markClosing(port: browser.Runtime.Port): void {
  closing.add(port);
  closingSeen = true;
  connected.delete(port);
  port.onDisconnect.addListener(() => {
    closingSeen = false;
    void currentPrompt().then((waiting) => {
      if (waiting) void showPrompt();
    });
  });
}

export function refreshPopups(): void {
  const refresh: WorkerToPopup = { type: 'refresh' };
  for (const port of connected) port.postMessage(refresh);
}

/** Our popup page is open somewhere (toolbar popup, fallback window or tab), even if its port is not back yet. */
async function popupIsOpen(): Promise<boolean> {
  if (connected.size > 0) return true;
  // No port yet, e.g. just after a worker restart, before the popup reconnected: ask the browser.
  if (!chrome.runtime.getContexts || closingSeen) return false;
  const url = browser.runtime.getURL('popup/popup.html');
  const contexts = await chrome.runtime.getContexts({});
  return contexts.some((c) => c.documentUrl?.startsWith(url) ?? false);
}

let opening: Promise<void> | undefined;

/** Shows the prompt: refreshes an open popup, or opens one (one attempt at a time). */
export function showPrompt(): Promise<void> {
  opening ??= open().finally(() => {
    opening = undefined;
  });
  return opening;
}

async function open(): Promise<void> {
  if (await popupIsOpen()) {
    // An open popup re-reads the queue when it reconnects or is told to refresh.
    refreshPopups();
    return;
  }
  if ((await openActionPopup()) || (await openActionPopup())) return;
  await browser.windows.create({
    url: browser.runtime.getURL('popup/popup.html?window=1'),
    type: 'popup',
    width: 400,
    height: 620,
    focused: true,
  });
}
