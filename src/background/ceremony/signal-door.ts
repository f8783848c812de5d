/**
 * The WebAuthn L3 §5.1.10 signals, from the page script through the relay on one runtime Port each
 * (SIGNAL_PORT). As for ceremonies, the caller's origin is `sender.origin` (the browser's word) and
 * the page's argument is untrusted: parseSignal checks it again and checks the RP ID against that
 * origin, so a page can only ever touch the credentials of RP IDs it may claim. A site on the bypass
 * list is Tapkey's no more, so its signals change nothing here. Signals need no prompt and no key:
 * they are answered at once, also while the vault is locked.
 */
import { WebAuthnError } from '../../client/errors.ts';
import { parseSignal, type Signal } from '../../client/signals.ts';
import { isRelaySignalToWorker } from '../../messages/guards.ts';
import type { SignalOutcome } from '../../messages/protocol.ts';
import { type DoorPort, senderOrigin } from './page-door.ts';

/** The part of a runtime Port this door uses. */
export interface SignalPort {
  sender?: DoorPort['sender'];
  postMessage(message: SignalOutcome): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
}

export interface SignalDoorDeps {
  /** Applies a checked signal to the vault (signal-credentials.ts). */
  apply(signal: Signal): Promise<void>;
  isBypassed(origin: string): Promise<boolean>;
}

/** What one signal message comes to; exported for tests. */
export async function answerSignal(
  deps: SignalDoorDeps,
  sender: SignalPort['sender'],
  message: unknown,
): Promise<SignalOutcome> {
  const origin = senderOrigin(sender);
  if (!isRelaySignalToWorker(message))
    return { type: 'error', name: 'TypeError', message: 'Malformed signal.' };
  if (!origin || origin === 'null') {
    return { type: 'error', name: 'NotAllowedError', message: 'This document cannot use WebAuthn.' };
  }
  try {
    const signal = parseSignal(message.signal, origin);
    if (!(await deps.isBypassed(origin))) await deps.apply(signal);
    return { type: 'done' };
  } catch (e) {
    if (e instanceof WebAuthnError) return { type: 'error', name: e.name, message: e.message };
    console.error('Tapkey: signal failed', e instanceof Error ? `${e.name}: ${e.message}` : typeof e);
    return { type: 'error', name: 'NotAllowedError', message: 'The signal could not be applied.' };
  }
}

export function createSignalDoor(deps: SignalDoorDeps): { connect(port: SignalPort): void } {
  return {
    connect(port) {
      let answered = false;
      port.onMessage.addListener((message) => {
        // One signal per port: anything after the first is ignored.
        if (answered) return;
        answered = true;
        void answerSignal(deps, port.sender, message).then((outcome) => {
          try {
            port.postMessage(outcome);
            port.disconnect();
          } catch {
            // The page went away; nobody is waiting.
          }
        });
      });
    },
  };
}
