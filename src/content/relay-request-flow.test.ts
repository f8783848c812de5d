/**
 * One request through the relay (relay-request.ts), between the page's MessageChannel and a fake
 * worker port: the page's abort reaches the worker and nothing is answered after it; only answers for
 * this request pass; a stopped worker is asked again with the same request; autofill offers reach the
 * offer frame, and the frame goes however the request ends.
 */
import { describe, expect, it } from 'vitest';
import { type FakePort, portPair } from '../../test/fakes/fake-browser.ts';
import { until } from '../../test/fakes/until.ts';
import { TOP_LEVEL_FRAME } from '../client/testing/frame-facts.ts';
import { relayRequest } from './relay-request.ts';

/** The page's side of the request's channel: what it heard, and its abort. */
function page() {
  const channel = new MessageChannel();
  const heard: unknown[] = [];
  channel.port1.onmessage = (event) => void heard.push(event.data);
  return {
    relayEnd: channel.port2,
    heard,
    abort: () => channel.port1.postMessage({ type: 'abort' }),
    close: () => channel.port1.close(),
  };
}

/** Each port the relay opens, with the worker's end to answer on and what the relay posted. */
function worker() {
  const lives: { relay: FakePort; worker: FakePort }[] = [];
  return {
    lives,
    connect: () => {
      const { a, b } = portPair('tapkey/ceremony-v1');
      lives.push({ relay: a, worker: b });
      return a;
    },
    /** What the relay posted on the newest port. */
    posted: () => lives.at(-1)!.relay.posted as Record<string, unknown>[],
  };
}

/** Lets MessageChannel deliveries run (they are tasks, not microtasks). */
async function turns(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

const start = (w: ReturnType<typeof worker>, p: ReturnType<typeof page>, autofill?: object) =>
  relayRequest({
    kind: 'get',
    options: { challenge: 'AAAA' },
    frame: TOP_LEVEL_FRAME,
    pagePort: p.relayEnd,
    connect: w.connect,
    ...(autofill ? { autofill: autofill as never } : {}),
  });

describe('a request through the relay', () => {
  it('passes on the worker’s answer for this request only, once', async () => {
    const w = worker();
    const p = page();
    start(w, p);
    const { requestId } = w.posted()[0]!;
    w.lives[0]!.worker.postMessage({ requestId: 'someone-else', type: 'fallback' });
    w.lives[0]!.worker.postMessage({ requestId, type: 'error', name: 'NotAllowedError', message: 'no' });
    await until(() => p.heard.length > 0, 'the answer');
    expect(p.heard).toEqual([{ type: 'error', name: 'NotAllowedError', message: 'no' }]);
    // The request is over: its port is closed.
    expect(w.lives[0]!.relay.connected).toBe(false);
    p.close();
  });

  it('the page’s abort reaches the worker, the port closes, and nothing is answered after it', async () => {
    const w = worker();
    const p = page();
    start(w, p);
    const { requestId } = w.posted()[0]!;
    p.abort();
    await until(() => w.posted().some((m) => m.type === 'abort'), 'the abort');
    expect(w.posted().at(-1)).toEqual({ type: 'abort', requestId });
    expect(w.lives[0]!.relay.connected).toBe(false);
    await turns();
    expect(p.heard).toEqual([]);
    p.close();
  });

  it('a worker that stopped is asked again with the same request (resume), and its answer passes', async () => {
    const w = worker();
    const p = page();
    start(w, p);
    const begin = w.posted()[0]!;
    w.lives[0]!.worker.disconnect();
    expect(w.lives).toHaveLength(2);
    expect(w.posted()[0]).toEqual({ ...begin, type: 'resume' });
    w.lives[1]!.worker.postMessage({ requestId: begin.requestId, type: 'fallback' });
    await until(() => p.heard.length > 0, 'the answer');
    expect(p.heard).toEqual([{ type: 'fallback' }]);
    p.close();
  });

  it('autofill: offers go to the offer frame, and the frame goes when the request ends', async () => {
    const offered: string[] = [];
    let ended = 0;
    const w = worker();
    const p = page();
    start(w, p, { offer: (token: string) => offered.push(token), end: () => ended++ });
    const { requestId, mediation } = w.posted()[0]!;
    expect(mediation).toBe('conditional');
    w.lives[0]!.worker.postMessage({ type: 'offer', requestId, token: 'T'.repeat(43) });
    w.lives[0]!.worker.postMessage({ type: 'offer', requestId: 'someone-else', token: 'X'.repeat(43) });
    expect(offered).toEqual(['T'.repeat(43)]);
    // An offer is not an answer: the page still waits.
    await turns();
    expect(p.heard).toEqual([]);
    p.abort();
    await until(() => ended > 0, 'the offer frame to go');
    expect(ended).toBe(1);
    p.close();
  });
});
