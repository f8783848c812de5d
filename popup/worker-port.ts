/**
 * The popup's port to the worker: it tells the worker which prompt is on screen, so closing the popup
 * cancels that one, and reconnects (saying it again) if the worker restarts.
 */
import browser from 'webextension-polyfill';
import { isWorkerToPopup } from '../src/messages/guards.ts';
import { POPUP_PORT, type PopupToWorker } from '../src/messages/protocol.ts';

let port: browser.Runtime.Port | undefined;
let showing: string | null = null;

/** `onRefresh`: the worker's prompts changed; `onReconnect`: the worker restarted. */
export function connect(handlers: { onRefresh(): void; onReconnect(): void }): void {
  port = browser.runtime.connect({ name: POPUP_PORT });
  port.onMessage.addListener((message: unknown) => {
    if (isWorkerToPopup(message)) handlers.onRefresh();
  });
  port.onDisconnect.addListener(() => {
    setTimeout(() => {
      connect(handlers);
      tell(showing);
      handlers.onReconnect();
    }, 50);
  });
  tell(showing);
}

/** The prompt on screen (null: none). */
export function showingPrompt(): string | null {
  return showing;
}

export function tell(promptId: string | null): void {
  showing = promptId;
  port?.postMessage({ type: 'showing', promptId } satisfies PopupToWorker);
}

/** Closes the popup, telling the worker first so it opens a new one for a request that arrives now. */
export function closePopup(): void {
  port?.postMessage({ type: 'closing' } satisfies PopupToWorker);
  window.close();
}
