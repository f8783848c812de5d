/** A signal, relayed: posted once to the worker, and the page always hears back. */
import { describe, expect, it } from 'vitest';
import type { RelaySignalToWorker } from '../messages/protocol.ts';
import { relaySignal, type SignalRelayPort } from './relay-signal.ts';

function worker(): SignalRelayPort & { sent: RelaySignalToWorker[]; answer(m: unknown): void; drop(): void } {
  const onMessage: ((m: unknown) => void)[] = [];
  const onDisconnect: (() => void)[] = [];
  const sent: RelaySignalToWorker[] = [];
  return {
    sent,
    postMessage: (m) => sent.push(m),
    disconnect: () => undefined,
    onMessage: { addListener: (l) => onMessage.push(l) },
    onDisconnect: { addListener: (l) => onDisconnect.push(l) },
    answer: (m) => {
      for (const l of onMessage) l(m);
    },
    drop: () => {
      for (const l of onDisconnect) l();
    },
  };
}

function pageSide() {
  const channel = new MessageChannel();
  const answer = new Promise<unknown>((resolve) => {
    channel.port1.onmessage = (event) => {
      resolve(event.data);
      channel.port1.close();
    };
  });
  return { relayEnd: channel.port2, answer };
}

const signal = { method: 'signalUnknownCredential', options: { rpId: 'example.com', credentialId: 'AA' } };

describe('relaySignal', () => {
  it('posts the signal and passes the worker’s answer on', async () => {
    const w = worker();
    const page = pageSide();
    relaySignal(signal, page.relayEnd, () => w);
    expect(w.sent).toEqual([{ type: 'signal', signal }]);
    w.answer({ type: 'error', name: 'SecurityError', message: 'not yours' });
    expect(await page.answer).toEqual({ type: 'error', name: 'SecurityError', message: 'not yours' });
  });

  it('answers NotAllowedError when the worker goes away, or cannot be reached', async () => {
    const w = worker();
    const dropped = pageSide();
    relaySignal(signal, dropped.relayEnd, () => w);
    w.drop();
    expect(await dropped.answer).toMatchObject({ type: 'error', name: 'NotAllowedError' });

    const gone = pageSide();
    relaySignal(signal, gone.relayEnd, () => {
      throw new Error('Extension context invalidated.');
    });
    expect(await gone.answer).toMatchObject({ type: 'error', name: 'NotAllowedError' });
  });

  it('passes on nothing malformed from the worker', async () => {
    const w = worker();
    const page = pageSide();
    relaySignal(signal, page.relayEnd, () => w);
    w.answer({ type: 'result', secret: 'x' });
    expect(await page.answer).toMatchObject({ type: 'error', name: 'NotAllowedError' });
  });
});
