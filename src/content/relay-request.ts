/**
 * One page request, relayed: forwarded to the service worker on its own runtime Port with the frame
 * facts, aborts passed on, a reconnect with the same request ID if the worker is stopped while the
 * user decides, and a deadline of its own, so the page hears back even if the worker never answers.
 */
import { timeoutOf } from '../client/adjust-timeout.ts';
import type {
  CeremonyKind,
  CeremonyOutcome,
  FrameFacts,
  PagePortMessage,
  RelayToWorker,
  WorkerToRelay,
} from '../messages/protocol.ts';

const KEEPALIVE_MS = 20_000;
const MAX_RECONNECTS = 5;
/** After the worker's own deadline: time for its answer (a timeout, usually) to arrive first. */
export const RELAY_GRACE_MS = 5_000;

/** The part of a runtime Port the relay uses. */
export interface RelayPort {
  postMessage(message: RelayToWorker): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

export interface RelayRequest {
  kind: CeremonyKind;
  options: unknown;
  frame: FrameFacts;
  /** The relay's end of the request's MessageChannel. */
  pagePort: MessagePort;
  /** Opens a Port to the worker; throws when the extension is gone (updated or removed). */
  connect: () => RelayPort;
  /** Passkey autofill: no deadline; the worker's offers go to `autofill.offer`. */
  autofill?: {
    /** Tapkey has passkeys to offer with this token (again, after a worker restart). */
    offer(token: string): void;
    /** The request is over, however it ended: the offer goes away. */
    end(): void;
  };
}

const isOurs = (message: unknown, requestId: string): message is WorkerToRelay =>
  typeof message === 'object' && message !== null && (message as WorkerToRelay).requestId === requestId;

export function relayRequest({ kind, options, frame, pagePort, connect, autofill }: RelayRequest): void {
  const requestId = crypto.randomUUID();
  let done = false;
  let reconnects = 0;
  let port: RelayPort | undefined;

  const stop = () => {
    done = true;
    clearInterval(keepalive);
    clearTimeout(deadline);
    autofill?.end();
  };
  const finish = (outcome: CeremonyOutcome) => {
    if (done) return;
    stop();
    pagePort.postMessage(outcome);
    pagePort.close();
    port?.disconnect();
  };

  const open = (type: 'begin' | 'resume') => {
    try {
      port = connect();
    } catch {
      // The extension was updated or removed under this page: let the browser answer instead.
      finish({ type: 'fallback' });
      return;
    }
    port.onMessage.addListener((message: unknown) => {
      if (!isOurs(message, requestId)) return;
      if (message.type === 'offer') {
        // The worker is alive and waiting for the user: a later restart may reconnect again.
        reconnects = 0;
        if (!done && typeof message.token === 'string') autofill?.offer(message.token);
        return;
      }
      const { requestId: _, ...outcome } = message;
      finish(outcome as CeremonyOutcome);
    });
    port.onDisconnect.addListener(() => {
      if (done) return;
      // The worker was stopped (idle timeout, update, crash) before answering: ask again.
      if (reconnects++ < MAX_RECONNECTS) open('resume');
      else
        finish({ type: 'error', name: 'NotAllowedError', message: 'The security key stopped responding.' });
    });
    port.postMessage({
      type,
      requestId,
      kind,
      options,
      frame,
      ...(autofill && { mediation: 'conditional' }),
    });
  };

  pagePort.onmessage = (event: MessageEvent) => {
    if ((event.data as PagePortMessage | null)?.type !== 'abort' || done) return;
    stop();
    port?.postMessage({ type: 'abort', requestId });
    port?.disconnect();
  };
  const keepalive = setInterval(() => port?.postMessage({ type: 'ping' }), KEEPALIVE_MS);
  // WebAuthn L3 §5.1.3 step 23 / §5.1.4.1 step 20: when the timer expires, NotAllowedError. An
  // autofill request has none: it waits for the user as long as the page lets it.
  const deadline = autofill
    ? undefined
    : setTimeout(() => {
        port?.postMessage({ type: 'abort', requestId });
        finish({
          type: 'error',
          name: 'NotAllowedError',
          message: 'The operation either timed out or was not allowed.',
        });
      }, timeoutOf(options) + RELAY_GRACE_MS);
  open('begin');
}
