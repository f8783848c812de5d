/**
 * One signal (WebAuthn L3 §5.1.10), relayed: posted to the worker on its own runtime Port, and the
 * worker's answer (or a NotAllowedError if the worker is gone) posted back on the page's port. Signals
 * need no prompt, so there is no keepalive or resume here: a worker that dies mid-signal loses it,
 * and the page, which saw the browser's own answer anyway (page-script.ts), is none the worse.
 */
import { isSignalOutcome } from '../messages/guards.ts';
import type { RelaySignalToWorker, SignalOutcome } from '../messages/protocol.ts';

/** The part of a runtime Port this relay uses. */
export interface SignalRelayPort {
  postMessage(message: RelaySignalToWorker): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

const gone: SignalOutcome = {
  type: 'error',
  name: 'NotAllowedError',
  message: 'The security key stopped responding.',
};

export function relaySignal(signal: unknown, pagePort: MessagePort, connect: () => SignalRelayPort): void {
  let done = false;
  const finish = (outcome: SignalOutcome) => {
    if (done) return;
    done = true;
    pagePort.postMessage(outcome);
    pagePort.close();
  };
  let port: SignalRelayPort;
  try {
    port = connect();
  } catch {
    finish(gone);
    return;
  }
  port.onMessage.addListener((message) => {
    // One answer per port; anything malformed counts as none (our own disconnect fires no
    // onDisconnect here, so the page must hear back now).
    finish(isSignalOutcome(message) ? message : gone);
    port.disconnect();
  });
  port.onDisconnect.addListener(() => finish(gone));
  port.postMessage({ type: 'signal', signal });
}
