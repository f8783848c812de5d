// @vitest-environment happy-dom
/**
 * The isolated-world relay (relay.ts) in a DOM: it takes requests only from its own window's page,
 * with a port to answer on, and sends the worker frame facts of its own making; nothing the page
 * writes about its frame or origin goes through.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fake } from '../../test/fakes/browser-global.ts';
import type { FakePort } from '../../test/fakes/fake-browser.ts';
import { until } from '../../test/fakes/until.ts';
import { PAGE_CHANNEL } from '../messages/protocol.ts';

/** The worker's ends of the relay's ports, with what the relay posted on each. */
let connected: { port: FakePort; heard: Record<string, unknown>[] }[];

beforeAll(async () => {
  await import('./relay.ts');
});
beforeEach(() => {
  connected = [];
  fake.browser.runtime.onConnect.clear();
  fake.browser.runtime.onConnect.addListener((port) => {
    const heard: Record<string, unknown>[] = [];
    port.onMessage.addListener((m) => void heard.push(m as Record<string, unknown>));
    connected.push({ port, heard });
  });
});

const request = { channel: PAGE_CHANNEL, kind: 'get', options: { challenge: 'AAAA' } };

/** The page posts on its window, as the page script does, with the answer port (or none). */
function post(data: unknown, source: unknown = window, withPort = true): MessagePort {
  const channel = new MessageChannel();
  window.dispatchEvent(
    new MessageEvent('message', {
      data,
      source: source as Window,
      ports: withPort ? [channel.port2 as unknown as MessagePort] : [],
    }),
  );
  return channel.port1 as unknown as MessagePort;
}

/** Lets anything the relay would do run; it acts at once, so a few turns are plenty. */
async function turns(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

describe('the relay', () => {
  it('forwards its own page’s request to the worker on the ceremony port, with its own frame facts', async () => {
    const page = post({
      ...request,
      origin: 'https://evil.example',
      frame: { ancestorOrigins: [], permissionsPolicyAllows: true, documentVisible: true },
      requestId: '123e4567-e89b-42d3-a456-426614174000',
    });
    const [first] = await until(() => connected.length > 0 && connected, 'the relay to connect');
    expect(first!.port.name).toBe('tapkey/ceremony-v1');
    const begin = first!.heard[0]!;
    expect(begin).toMatchObject({ type: 'begin', kind: 'get', options: { challenge: 'AAAA' } });
    // No origin from the page, a request id of the relay's own, and facts read from the document.
    expect(begin).not.toHaveProperty('origin');
    expect(begin.requestId).not.toBe('123e4567-e89b-42d3-a456-426614174000');
    expect(begin.frame).toEqual({
      ancestorOrigins: [],
      permissionsPolicyAllows: true,
      hasTransientActivation: false,
      documentVisible: document.visibilityState === 'visible',
      documentFocused: document.hasFocus(),
    });
    page.close();
  });

  it.each<[string, unknown, unknown, boolean]>([
    ['another window (a frame posting to its parent)', request, {}, true],
    ['no source (a worker)', request, null, true],
    ['no port to answer on', request, window, false],
    ['another channel', { ...request, channel: 'someone-else' }, window, true],
    ['an unknown kind', { ...request, kind: 'delete' }, window, true],
    ['not an object', 'begin', window, true],
  ])('ignores a message from %s', async (_why, data, source, withPort) => {
    post(data, source, withPort);
    await turns();
    expect(connected).toEqual([]);
  });
});

describe('waking the worker for a sign-in about to come', () => {
  // First: the 20 s rate limit the next test starts must not be what keeps this one quiet.
  it('takes no hint from another window', async () => {
    post({ channel: PAGE_CHANNEL, kind: 'warm' }, {}, false);
    await turns();
    expect(connected).toEqual([]);
  });

  it('opens the warm port once for the page’s hint, carrying nothing; a hint soon after opens none', async () => {
    post({ channel: PAGE_CHANNEL, kind: 'warm' }, window, false);
    const [first] = await until(() => connected.length > 0 && connected, 'the relay to wake the worker');
    expect(first!.port.name).toBe('tapkey/warm-v1');
    post({ channel: PAGE_CHANNEL, kind: 'warm' }, window, false);
    await turns();
    expect(connected).toHaveLength(1);
    expect(first!.heard).toEqual([]);
  });
});
