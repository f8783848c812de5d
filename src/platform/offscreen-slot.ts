/**
 * Chrome lets an extension have one offscreen document open at a time, and two jobs want one:
 * - clearing a copied one-time code later (reason CLIPBOARD): it must happen, so it takes the slot;
 * - preparing the prompt's page before a sign-in asks for it: only a speed-up, so it waits its turn
 *   and gives the slot up to the clipboard.
 * Each step is serialized here: Chrome refuses a second createDocument while one is under way.
 */
import browser from 'webextension-polyfill';
import { openContexts } from './contexts.ts';

const CLIPBOARD_PATH = 'offscreen/clipboard.html';
/** It shows nothing, talks to no one and closes itself (prompt-preload.ts). */
export const PRELOAD_PATH = 'offscreen/prompt-preload.html';

let queue: Promise<unknown> = Promise.resolve();

function inTurn<T>(step: () => Promise<T>): Promise<T> {
  const run = queue.then(step, step);
  queue = run.catch(() => undefined);
  return run;
}

/** The offscreen document now open, if any (it may be closing itself meanwhile). */
async function openDocument(): Promise<string | undefined> {
  return (await openContexts('OFFSCREEN_DOCUMENT'))[0]?.documentUrl;
}

/** Opens the clipboard's document, closing a prompt preload that held the slot. */
export function openClipboardDocument(): Promise<void> {
  return inTurn(async () => {
    const open = await openDocument();
    if (open === browser.runtime.getURL(CLIPBOARD_PATH)) return;
    // Gone already if it closed itself after `openDocument`: nothing to close then.
    if (open !== undefined) await chrome.offscreen.closeDocument().catch(() => undefined);
    await chrome.offscreen.createDocument({
      url: CLIPBOARD_PATH,
      reasons: ['CLIPBOARD' as chrome.offscreen.Reason],
      justification: 'Clear a copied one-time code from the clipboard after 30 seconds.',
    });
  });
}

/**
 * Loads the prompt's page, unseen, in the extension's process: its code and styles are then compiled
 * and cached when the prompt window opens moments later. Nothing when the slot is taken (the
 * clipboard's document keeps that process warm as well) and never a failure: it is a speed-up.
 */
export function preloadPromptPage(): Promise<void> {
  return inTurn(async () => {
    if ((await openDocument()) !== undefined) return;
    await chrome.offscreen.createDocument({
      url: PRELOAD_PATH,
      // Chrome names no reason for preparing a page; parsing it is what the document is for.
      reasons: ['DOM_PARSER' as chrome.offscreen.Reason],
      justification: 'Prepare the sign-in approval page, unseen, so that it appears at once.',
    });
  }).catch(() => undefined);
}
