/**
 * The popup's port to the worker: it tells the worker which prompt is on screen, so closing the popup
 * cancels that one, and reconnects (saying it again) if the worker restarts.
 */
import browser from 'webextension-polyfill';
import { send } from '../src/messages/client.ts';
import { isWorkerToPopup } from '../src/messages/guards.ts';
import {
  POPUP_PORT,
  type PopupToWorker,
  type RuntimeRequest,
  type RuntimeResponse,
} from '../src/messages/protocol.ts';

type AnswerResponse = RuntimeResponse<'prompt/answer'>;

let port: browser.Runtime.Port | undefined;
let showing: string | null = null;
let nextCallId = 0;
/** Answers sent on the port, waiting for the worker's reply: by call id, with what to do without one. */
const pending = new Map<
  number,
  { resolve(r: AnswerResponse): void; reject(e: Error): void; request: RuntimeRequest<'prompt/answer'> }
>();

/** `onRefresh`: the worker's prompts changed; `onReconnect`: the worker restarted. */
export function connect(handlers: { onRefresh(): void; onReconnect(): void }): void {
  port = browser.runtime.connect({ name: POPUP_PORT });
  port.onMessage.addListener((message: unknown) => {
    if (!isWorkerToPopup(message)) return;
    if (message.type === 'refresh') {
      handlers.onRefresh();
      return;
    }
    const call = pending.get(message.callId);
    pending.delete(message.callId);
    if (!call) return;
    if (message.response) call.resolve(message.response);
    else call.reject(new Error(message.failed ?? ''));
  });
  port.onDisconnect.addListener(() => {
    port = undefined;
    // The worker stopped before replying: ask again as a runtime message, which wakes it. An answer
    // it had already taken is refused then ("no longer waiting"), never given twice.
    const unanswered = [...pending.values()];
    pending.clear();
    for (const call of unanswered) send('prompt/answer', call.request).then(call.resolve, call.reject);
    setTimeout(() => {
      connect(handlers);
      tell(showing);
      handlers.onReconnect();
    }, 50);
  });
  tell(showing);
}

/**
 * Sends the user's answer to the worker on this page's port (a runtime message when there is none)
 * and resolves with the worker's reply.
 */
export function postAnswer(request: RuntimeRequest<'prompt/answer'>): Promise<AnswerResponse> {
  if (!port) return send('prompt/answer', request);
  const callId = nextCallId++;
  // Waiting before it is posted: a reply may come back at once.
  const replied = new Promise<AnswerResponse>((resolve, reject) => {
    pending.set(callId, { resolve, reject, request });
  });
  try {
    port.postMessage({ type: 'answer', callId, request } satisfies PopupToWorker);
  } catch {
    // The port went with the worker a moment before its disconnect was heard.
    pending.delete(callId);
    return send('prompt/answer', request);
  }
  return replied;
}

/** The prompt on screen (null: none). */
export function showingPrompt(): string | null {
  return showing;
}

export function tell(promptId: string | null): void {
  showing = promptId;
  say({ type: 'showing', promptId });
}

/** Closes the popup, telling the worker first so it opens a new one for a request that arrives now. */
export function closePopup(): void {
  say({ type: 'closing' });
  window.close();
}

/**
 * Posts on the port if it is still there. One that went with the worker throws until its disconnect
 * is heard; the reconnect then says again which prompt is on screen.
 */
function say(message: PopupToWorker): void {
  try {
    port?.postMessage(message);
  } catch {
    // Said again after the reconnect (tell), or not needed (the window is closing anyway).
  }
}
