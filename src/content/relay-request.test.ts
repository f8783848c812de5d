/**
 * Issue 8, defect 5: the relay keeps a deadline of its own, so a page hears back even when the
 * service worker never answers (or never starts).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TOP_LEVEL_FRAME } from '../client/testing/frame-facts.ts';
import type { RelayToWorker } from '../messages/protocol.ts';
import { RELAY_GRACE_MS, type RelayPort, relayRequest } from './relay-request.ts';

const frame = TOP_LEVEL_FRAME;

function silentWorker(): RelayPort & { sent: RelayToWorker[]; drop(): void } {
  const onDisconnect: (() => void)[] = [];
  const sent: RelayToWorker[] = [];
  return {
    sent,
    postMessage: (m) => sent.push(m),
    disconnect: () => undefined,
    onMessage: { addListener: () => undefined },
    onDisconnect: { addListener: (l) => onDisconnect.push(l) },
    drop: () => {
      for (const l of onDisconnect) l();
    },
  };
}

/** The page's side of the channel: the first answer the relay posts. */
function pageSide() {
  const channel = new MessageChannel();
  const answer = new Promise<unknown>((resolve) => {
    channel.port1.onmessage = (event) => resolve(event.data);
  });
  return { relayEnd: channel.port2, answer, close: () => channel.port1.close() };
}

describe('relay: every request is answered', () => {
  beforeEach(() =>
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'] }),
  );
  afterEach(() => vi.useRealTimers());

  it('a worker that never answers: NotAllowedError after the timeout and a grace period, and the worker is told', async () => {
    const worker = silentWorker();
    const page = pageSide();
    let answered = false;
    void page.answer.then(() => (answered = true));
    relayRequest({
      kind: 'get',
      options: { timeout: 10_000 },
      frame,
      pagePort: page.relayEnd,
      connect: () => worker,
    });
    expect(worker.sent[0]).toMatchObject({ type: 'begin', kind: 'get' });
    await vi.advanceTimersByTimeAsync(10_000 + RELAY_GRACE_MS - 1);
    expect(answered).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    vi.useRealTimers();
    expect(await page.answer).toMatchObject({ type: 'error', name: 'NotAllowedError' });
    expect(worker.sent.at(-1)).toMatchObject({ type: 'abort' });
    page.close();
  });

  it('a worker that keeps dying: asked again a few times, then NotAllowedError', async () => {
    const workers: ReturnType<typeof silentWorker>[] = [];
    const page = pageSide();
    relayRequest({
      kind: 'create',
      options: {},
      frame,
      pagePort: page.relayEnd,
      connect: () => {
        const w = silentWorker();
        workers.push(w);
        return w;
      },
    });
    for (let i = 0; i < 6; i++) workers.at(-1)!.drop();
    vi.useRealTimers();
    expect(await page.answer).toMatchObject({ type: 'error', name: 'NotAllowedError' });
    expect(workers.map((w) => w.sent[0]?.type)).toEqual([
      'begin',
      'resume',
      'resume',
      'resume',
      'resume',
      'resume',
    ]);
    page.close();
  });

  it('an extension that is gone: the browser answers instead', async () => {
    const page = pageSide();
    relayRequest({
      kind: 'get',
      options: {},
      frame,
      pagePort: page.relayEnd,
      connect: () => {
        throw new Error('Extension context invalidated.');
      },
    });
    vi.useRealTimers();
    expect(await page.answer).toEqual({ type: 'fallback' });
    page.close();
  });
});
