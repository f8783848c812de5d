/**
 * The authority. Every listener is registered synchronously at top level, so an event that wakes a
 * stopped worker finds its listener (MV3 service workers are stopped when idle).
 */
import browser from 'webextension-polyfill';
import { isCoreMessage, isPopupPortMessage } from '../messages/guards.ts';
import { isOtpMessage } from '../messages/otp-guards.ts';
import { CEREMONY_PORT, POPUP_PORT } from '../messages/protocol.ts';
import { fillFromCommand, handleOtpMessage } from './otp-api.ts';
import { handleCeremonyPort } from './page-door.ts';
import { handlePopupMessage } from './popup-api.ts';
import { markClosing, refreshPopups, trackPopupPort } from './popup-window.ts';
import { answerPrompt, currentPrompt, dropExpired, onPromptsChanged, updateBadge } from './prompts.ts';

const OWN_ORIGIN = new URL(browser.runtime.getURL('/')).origin;

browser.runtime.onConnect.addListener((port) => {
  if (port.name === CEREMONY_PORT) {
    handleCeremonyPort(port);
    return;
  }
  if (port.name === POPUP_PORT && port.sender?.url?.startsWith(OWN_ORIGIN)) {
    trackPopupPort(port);
    let showing: string | null = null;
    port.onMessage.addListener((message: unknown) => {
      if (!isPopupPortMessage(message)) return;
      if (message.type === 'closing') markClosing(port, async () => (await currentPrompt()) !== null);
      else showing = message.promptId;
    });
    // Closing the popup without answering cancels what it showed (NotAllowedError for the page).
    port.onDisconnect.addListener(() => {
      if (showing) void answerPrompt(showing, { type: 'cancel' });
    });
    return;
  }
  port.disconnect();
});

// One style everywhere: the polyfill's Promise-returning listener; undefined for messages not ours.
browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => {
  if (sender.id !== browser.runtime.id || !sender.url?.startsWith(OWN_ORIGIN)) return undefined;
  if (isCoreMessage(message)) return handlePopupMessage(message);
  if (isOtpMessage(message)) return handleOtpMessage(message);
  return undefined;
});

// Alt+Shift+F (manifest "fill-code"): the key press grants activeTab on the tab, as a click would.
browser.commands.onCommand.addListener((command: string, tab?: browser.Tabs.Tab) => {
  if (command === 'fill-code') void fillFromCommand(tab);
});

onPromptsChanged(refreshPopups);
void dropExpired(Date.now()).then(updateBadge);
