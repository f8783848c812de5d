/**
 * Where the prompt appears: a small window of its own (`windows.create({ type: "popup" })`) at the
 * top right of the window that asked, one at a time and reused, as wallets and password managers do
 * for approvals. Chosen by the numbers in `npm run bench` and by what a user expects: the toolbar
 * popup takes ~240 ms to open (chrome.action.openPopup) against ~50 ms for a window, and it closes
 * whenever focus leaves it, which would cancel a request the moment the user clicks the page to see
 * which account they are signing in to. The window stays until answered; closing it is Cancel.
 * The toolbar popup still shows the waiting prompt when the user opens it, and closing that one
 * cancels nothing.
 */
import browser from 'webextension-polyfill';
import { isPopupToWorker } from '../../messages/guards.ts';
import type { RuntimeRequest, RuntimeResponse, WorkerToPopup } from '../../messages/protocol.ts';
import { platform } from '../../platform/index.ts';
import { answerPrompt, currentPrompt } from './prompts.ts';

const WIDTH = 400;
const HEIGHT = 560;
/** Below the requesting window's tab strip and toolbar, clear of its right edge. */
const INSET = { top: 72, right: 16 };
const WINDOW_QUERY = 'window=1';

const connected = new Set<browser.Runtime.Port>();
/** The prompt window, while it is open. */
let promptWindowId: number | undefined;
/**
 * Windows the worker closed itself, once their request was answered: a prompt that arrived in the
 * meantime and was refreshed into one is shown anew, not cancelled as a user's close would be.
 */
const closedByWorker = new Set<number>();

/** Prompt windows this worker closed or saw go (Chrome never reuses a window ID in a session). */
const retired = new Set<number>();

/** Windows this worker opened or found for the prompt. */
const promptWindows = new Set<number>();

function retire(windowId: number): void {
  retired.add(windowId);
  if (windowId === promptWindowId) promptWindowId = undefined;
}

browser.windows.onRemoved.addListener((windowId) => {
  retire(windowId);
  // Chrome may have brought this window forward for a request while it was already going: a prompt
  // that waits with no page to show it gets a new window.
  if (promptWindows.delete(windowId)) reshowIfUnseen();
});

/** Prompts whose window the user closed, while their Cancel is being recorded. */
const cancelling = new Set<string>();

/** A prompt waits and no page shows it: bring the window back (or open one). */
function reshowIfUnseen(): void {
  // A Cancel under way when the read starts may finish before it: the read may still hold that
  // prompt. That Cancel's own end looks again.
  const beingCancelled = new Set(cancelling);
  void currentPrompt().then((waiting) => {
    if (!waiting || connected.size > 0) return;
    const id = waiting.prompt.promptId;
    if (!beingCancelled.has(id) && !cancelling.has(id)) void showPrompt();
  });
}

/** The worker's `prompt/answer` handler (prompt-api.ts), for answers carried on the popup's port. */
export type AnswerHandler = (
  request: RuntimeRequest<'prompt/answer'>,
) => Promise<RuntimeResponse<'prompt/answer'>>;

/** Runs an answer that came on the popup's port and replies on it, as `prompt/answer` would. */
function answerOnPort(
  port: browser.Runtime.Port,
  answer: AnswerHandler,
  callId: number,
  request: RuntimeRequest<'prompt/answer'>,
): void {
  const replyWith = (message: WorkerToPopup) => {
    try {
      port.postMessage(message);
    } catch {
      // The popup went away meanwhile: nobody waits for the reply.
    }
  };
  answer(request).then(
    (response) => replyWith({ type: 'answered', callId, response }),
    (e: unknown) =>
      replyWith({ type: 'answered', callId, failed: e instanceof Error ? e.message : 'failed' }),
  );
}

/** A popup page (the prompt window, or the toolbar popup) connected on POPUP_PORT. */
export function handlePopupPort(port: browser.Runtime.Port, answer?: AnswerHandler): void {
  const isPromptWindow = port.sender?.url?.includes(WINDOW_QUERY) ?? false;
  if (isPromptWindow && port.sender?.tab?.windowId !== undefined) {
    promptWindowId = port.sender.tab.windowId;
    promptWindows.add(promptWindowId);
  }
  connected.add(port);
  let showing: string | null = null;
  port.onMessage.addListener((message: unknown) => {
    if (!isPopupToWorker(message)) return;
    if (message.type === 'answer') {
      if (answer) answerOnPort(port, answer, message.callId, message.request);
      return;
    }
    if (message.type !== 'closing') {
      showing = message.promptId;
      return;
    }
    connected.delete(port);
    // The page found nothing left to show and is closing its window: Chrome still answers for that
    // window a moment longer, so a request that comes now must get a new one, never this one.
    const windowId = port.sender?.tab?.windowId;
    if (isPromptWindow && windowId !== undefined) retire(windowId);
  });
  port.onDisconnect.addListener(() => {
    connected.delete(port);
    // Closing the prompt window without answering is Cancel (NotAllowedError for the page). The
    // toolbar popup closes whenever focus leaves it: that cancels nothing.
    const windowId = port.sender?.tab?.windowId;
    const ours = windowId !== undefined && closedByWorker.delete(windowId);
    if (isPromptWindow && showing && !ours) {
      // Only once the Cancel is recorded does the queue show what is left: never the cancelled one.
      const cancelled = showing;
      cancelling.add(cancelled);
      void answerPrompt(cancelled, { type: 'cancel' }).finally(() => {
        cancelling.delete(cancelled);
        reshowIfUnseen();
      });
      return;
    }
    // A prompt queued while this page was closing was only "refreshed" into it: show it anew.
    reshowIfUnseen();
  });
}

export function refreshPopups(): void {
  const refresh: WorkerToPopup = { type: 'refresh' };
  for (const port of connected) port.postMessage(refresh);
}

/** Where the request came from, to place the prompt beside it and give the focus back after. */
export interface PromptNear {
  windowId?: number;
}

let opening: Promise<void> | undefined;
/** One more look, asked for while an opening was under way. */
let again: Promise<void> | undefined;
/** Counts showPrompt calls, so a close decided before one is not carried out after it. */
let shows = 0;

/** Shows the prompt: brings the prompt window forward (it re-reads the queue), or opens one. */
export function showPrompt(near: PromptNear = {}): Promise<void> {
  shows++;
  if (!opening) {
    opening = open(near).finally(() => {
      opening = undefined;
    });
    return opening;
  }
  // The opening under way may have picked a window that is closing now: look again once it is done
  // (calls made meanwhile share that one look).
  const lookAgain = (): Promise<void> => {
    again = undefined;
    return showPrompt(near);
  };
  again ??= opening.then(lookAgain, lookAgain);
  return again;
}

/**
 * After a worker restart the module forgets its window, which may still be open (its page reconnects
 * a moment later): ask the browser, so that a second window is never opened beside it.
 */
async function findPromptWindow(): Promise<number | undefined> {
  const url = browser.runtime.getURL(`popup/popup.html?${WINDOW_QUERY}`);
  // A window being closed is still listed for a moment: never bring that one back for a request
  // that came just then (it would vanish, and the request would wait with no prompt).
  return (await platform.windowsShowing(url)).find((id) => id !== -1 && !retired.has(id));
}

/**
 * This worker life's one look for a prompt window an earlier life left open, shared by whoever asks
 * first. Once it has answered, the worker knows its windows itself (it opens them, and hears them
 * close), and a prompt opens without asking again: one browser round trip less before it shows. A
 * look that failed is forgotten, so the next prompt asks again.
 */
let leftoverLookup: Promise<void> | undefined;

function lookForLeftover(): Promise<void> {
  leftoverLookup ??= findPromptWindow().then(
    (found) => {
      promptWindowId ??= found;
    },
    (e: unknown) => {
      leftoverLookup = undefined;
      throw e;
    },
  );
  return leftoverLookup;
}

/**
 * Done before a prompt is asked for, when a page shows it is about to use WebAuthn (a warm-up): the
 * first prompt of a worker's life then does not wait for the browser's answer about leftover windows.
 */
export function prepareSurface(): void {
  void lookForLeftover().catch(() => undefined);
}

async function open(near: PromptNear): Promise<void> {
  // Where a new window would go, asked for at once: it is needed only if none is open.
  const place = placeBeside(near.windowId);
  // A look that failed finds nothing: the prompt opens a window of its own rather than none.
  if (promptWindowId === undefined) await lookForLeftover().catch(() => undefined);
  if (promptWindowId !== undefined) {
    promptWindows.add(promptWindowId);
    refreshPopups();
    try {
      await browser.windows.update(promptWindowId, { focused: true, drawAttention: true });
      return;
    } catch {
      promptWindowId = undefined;
    }
  }
  // Answered while we looked (the window we had went with its last prompt): nothing to show.
  if ((await currentPrompt()) === null) return;
  const window = {
    url: browser.runtime.getURL(`popup/popup.html?${WINDOW_QUERY}`),
    type: 'popup' as const,
    width: WIDTH,
    height: HEIGHT,
    focused: true,
  };
  // Chrome refuses bounds mostly off screen (a window partly beyond the display): then let it place it.
  const created = await browser.windows
    .create({ ...window, ...(await place) })
    .catch(() => browser.windows.create(window));
  promptWindowId = created.id;
  if (created.id !== undefined) promptWindows.add(created.id);
}

/** Top right of the requesting window, inside the screen it is on; nothing when it is unknown. */
async function placeBeside(windowId: number | undefined): Promise<{ left?: number; top?: number }> {
  if (windowId === undefined) return {};
  try {
    const w = await browser.windows.get(windowId);
    if (w.left === undefined || w.top === undefined || w.width === undefined) return {};
    return { left: Math.max(0, w.left + w.width - WIDTH - INSET.right), top: Math.max(0, w.top + INSET.top) };
  } catch {
    return {};
  }
}

/**
 * After a request settled and its page has the answer: the prompt window goes when no prompt waits
 * any more, and the page that asked gets the focus back. Done only now, not when the user answers,
 * so the browser's window work does not compete with the signature and the reply.
 */
export async function afterSettled(near: PromptNear & { tabId?: number }): Promise<void> {
  const asOf = shows;
  if (promptWindowId === undefined || (await currentPrompt()) !== null) return;
  // A prompt asked for while we looked keeps the window.
  if (shows !== asOf || opening || promptWindowId === undefined) return;
  const id = promptWindowId;
  promptWindowId = undefined;
  closedByWorker.add(id);
  retired.add(id);
  await browser.windows.remove(id).catch(() => closedByWorker.delete(id));
  await returnFocus(near);
}

async function returnFocus(near: PromptNear & { tabId?: number }): Promise<void> {
  try {
    if (near.windowId !== undefined) await browser.windows.update(near.windowId, { focused: true });
    if (near.tabId !== undefined) await browser.tabs.update(near.tabId, { active: true });
  } catch {
    // The tab or window is gone: nothing to return to.
  }
}
