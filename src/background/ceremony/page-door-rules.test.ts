/**
 * The front door's rules on who may ask (issue 13): the origin is the browser's word, never the
 * page's; a resume belongs to the document that began the request (tab, frame, origin and what it
 * asks); one request per tab; only a visible, focused document may pop up a prompt; anything
 * malformed is dropped without a throw.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryRecords, PAGE_SENDER, relayPort } from '../../../test/fakes/door.ts';
import type { PortSender } from '../../../test/fakes/fake-browser.ts';
import { TOP_LEVEL_FRAME } from '../../client/testing/frame-facts.ts';
import type { CeremonyOutcome } from '../../messages/protocol.ts';
import { createPageDoor } from './page-door.ts';
import type { CeremonyRequest, Router } from './router.ts';

const ID = '123e4567-e89b-42d3-a456-426614174000';
const ID2 = '123e4567-e89b-42d3-a456-426614174002';
const frame = TOP_LEVEL_FRAME;
const begin = { type: 'begin', requestId: ID, kind: 'get', options: { timeout: 60_000 }, frame } as const;
const resume = { ...begin, type: 'resume' } as const;
const fallback: CeremonyOutcome = { type: 'fallback' };

/** A router that records what reached it and leaves it waiting (or answers with `outcome`). */
function spyRoute(outcome?: CeremonyOutcome) {
  const seen: CeremonyRequest[] = [];
  const route: Router = (request) => {
    seen.push(request);
    return outcome ? Promise.resolve(outcome) : new Promise(() => undefined);
  };
  return { route, seen };
}

const settle = () => vi.advanceTimersByTimeAsync(0);
const refused = (message?: string) => [
  { requestId: ID, type: 'error', name: 'NotAllowedError', ...(message ? { message } : {}) },
];

describe('page door: the origin is the browser’s word', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('takes sender.origin, whatever origin the message claims', async () => {
    const { route, seen } = spyRoute();
    const door = createPageDoor({ route, records: memoryRecords() });
    const port = relayPort();
    door.connect(port);
    port.deliver({ ...begin, origin: 'https://evil.example', options: { origin: 'https://evil.example' } });
    await settle();
    expect(seen.map((r) => r.caller.origin)).toEqual(['https://example.com']);
  });

  it('prefers sender.origin to sender.url (an about:blank frame inherits its opener’s origin)', async () => {
    const { route, seen } = spyRoute();
    const door = createPageDoor({ route, records: memoryRecords() });
    const port = relayPort({ ...PAGE_SENDER, origin: 'https://example.com', url: 'about:blank' });
    door.connect(port);
    port.deliver(begin);
    await settle();
    expect(seen.map((r) => r.caller.origin)).toEqual(['https://example.com']);
  });

  it('falls back to the origin of sender.url when the browser gives no sender.origin', async () => {
    const { route, seen } = spyRoute();
    const door = createPageDoor({ route, records: memoryRecords() });
    const port = relayPort({ ...PAGE_SENDER, origin: undefined, url: 'https://login.example.org/a?b#c' });
    door.connect(port);
    port.deliver(begin);
    await settle();
    expect(seen.map((r) => r.caller.origin)).toEqual(['https://login.example.org']);
  });

  it.each<[string, PortSender]>([
    ['an opaque origin ("null", a sandboxed frame)', { ...PAGE_SENDER, origin: 'null' }],
    ['a data: document (opaque)', { ...PAGE_SENDER, origin: undefined, url: 'data:text/html,hi' }],
    ['about:blank with no origin', { ...PAGE_SENDER, origin: undefined, url: 'about:blank' }],
    ['no origin and no URL', { ...PAGE_SENDER, origin: undefined, url: undefined }],
    ['an unparsable URL', { ...PAGE_SENDER, origin: undefined, url: 'not a url' }],
    ['no tab (another extension’s page, a worker)', { ...PAGE_SENDER, tab: undefined }],
    ['a tab without an id', { ...PAGE_SENDER, tab: { active: true } }],
    ['no frame id', { ...PAGE_SENDER, frameId: undefined }],
  ])('refuses %s before anything is routed', async (_why, sender) => {
    const { route, seen } = spyRoute(fallback);
    const door = createPageDoor({ route, records: memoryRecords() });
    const port = relayPort(sender);
    door.connect(port);
    port.deliver(begin);
    await settle();
    expect(port.sent).toMatchObject(refused('This document cannot use WebAuthn.'));
    expect(seen).toEqual([]);
    expect(door.running()).toEqual([]);
  });
});

describe('page door: a resume belongs to the document that began the request', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  /** The request runs in this worker life; a relay reconnects with `sender`. */
  async function resumeWhileRunning(sender: PortSender, message: object = resume) {
    let finish: (o: CeremonyOutcome) => void = () => undefined;
    const route: Router = () => new Promise((resolve) => (finish = resolve));
    const door = createPageDoor({ route, records: memoryRecords() });
    const first = relayPort();
    door.connect(first);
    first.deliver(begin);
    await settle();
    const second = relayPort(sender);
    door.connect(second);
    second.deliver(message);
    await settle();
    finish(fallback);
    await settle();
    return { first, second };
  }

  it('while it runs: the same document’s resume takes the answer', async () => {
    const { first, second } = await resumeWhileRunning(PAGE_SENDER);
    expect(first.sent).toEqual([]);
    expect(second.sent).toEqual([{ requestId: ID, type: 'fallback' }]);
  });

  it.each<[string, PortSender]>([
    ['another tab', { ...PAGE_SENDER, tab: { ...PAGE_SENDER.tab, id: 8 } }],
    ['another frame of the same tab', { ...PAGE_SENDER, frameId: 4 }],
    [
      'the same tab and frame after navigating to another origin',
      { ...PAGE_SENDER, origin: 'https://evil.example', url: 'https://evil.example/' },
    ],
  ])(
    'while it runs: a resume from %s is refused, and the answer stays with the first',
    async (_why, sender) => {
      const { first, second } = await resumeWhileRunning(sender);
      expect(second.sent).toMatchObject(refused());
      expect(second.sent).toHaveLength(1);
      expect(first.sent).toEqual([{ requestId: ID, type: 'fallback' }]);
    },
  );

  it('while it runs: a resume that asks something else is refused', async () => {
    const other = { ...resume, options: { timeout: 60_000, challenge: 'another' } };
    const { first, second } = await resumeWhileRunning(PAGE_SENDER, other);
    expect(second.sent).toMatchObject(refused());
    expect(first.sent).toEqual([{ requestId: ID, type: 'fallback' }]);
  });

  /** The request began in an earlier worker life (its record kept); a relay resumes from `sender`. */
  async function resumeAfterRestart(sender: PortSender) {
    const records = memoryRecords();
    const before = relayPort();
    createPageDoor({ route: spyRoute().route, records }).connect(before);
    before.deliver(begin);
    await settle();
    expect(records.all.size).toBe(1);
    const { route, seen } = spyRoute(fallback);
    const port = relayPort(sender);
    createPageDoor({ route, records }).connect(port);
    port.deliver(resume);
    await settle();
    return { port, seen, records };
  }

  it('after a restart: the same document resumes', async () => {
    const { port, seen } = await resumeAfterRestart(PAGE_SENDER);
    expect(seen).toHaveLength(1);
    expect(port.sent).toEqual([{ requestId: ID, type: 'fallback' }]);
  });

  it.each<[string, PortSender]>([
    ['another tab', { ...PAGE_SENDER, tab: { ...PAGE_SENDER.tab, id: 8 } }],
    ['another frame of the same tab', { ...PAGE_SENDER, frameId: 4 }],
    ['the same tab and frame on another origin', { ...PAGE_SENDER, origin: 'https://evil.example' }],
  ])('after a restart: a resume from %s is refused and routed nowhere', async (_why, sender) => {
    const { port, seen, records } = await resumeAfterRestart(sender);
    expect(port.sent).toMatchObject(refused('The request is no longer pending.'));
    expect(seen).toEqual([]);
    // The record stays for the document that began the request, which may still resume.
    expect(records.all.has(ID)).toBe(true);
  });

  it('a resume for a request nobody began is refused', async () => {
    const { route, seen } = spyRoute(fallback);
    const port = relayPort();
    createPageDoor({ route, records: memoryRecords() }).connect(port);
    port.deliver(resume);
    await settle();
    expect(port.sent).toMatchObject(refused('The request is no longer pending.'));
    expect(seen).toEqual([]);
  });

  it('only the port that began a request can abort it', async () => {
    const { route, seen } = spyRoute();
    const door = createPageDoor({ route, records: memoryRecords() });
    const owner = relayPort();
    const stranger = relayPort({ ...PAGE_SENDER, tab: { ...PAGE_SENDER.tab, id: 8 } });
    door.connect(owner);
    door.connect(stranger);
    owner.deliver(begin);
    await settle();
    stranger.deliver({ type: 'abort', requestId: ID });
    stranger.close();
    await settle();
    expect(seen[0]?.signal.aborted).toBe(false);
    owner.deliver({ type: 'abort', requestId: ID });
    expect(seen[0]?.signal.reason).toBe('abort');
  });

  it('the old port going away after a resume moved the request does not abort it', async () => {
    const { route, seen } = spyRoute();
    const door = createPageDoor({ route, records: memoryRecords() });
    const old = relayPort();
    door.connect(old);
    old.deliver(begin);
    await settle();
    const fresh = relayPort();
    door.connect(fresh);
    fresh.deliver(resume);
    await settle();
    old.close();
    await settle();
    expect(seen[0]?.signal.aborted).toBe(false);
    fresh.close();
    expect(seen[0]?.signal.aborted).toBe(true);
  });
});

describe('page door: one request per tab, and only from the document in front', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('a second begin with the same request id is refused; the first runs on', async () => {
    const { route, seen } = spyRoute();
    const door = createPageDoor({ route, records: memoryRecords() });
    const port = relayPort();
    door.connect(port);
    port.deliver(begin);
    port.deliver(begin);
    await settle();
    expect(port.sent).toMatchObject(refused('A request is already pending.'));
    expect(seen).toHaveLength(1);
    expect(seen[0]?.signal.aborted).toBe(false);
  });

  it('a request the page just aborted does not block its next one (libraries abort and ask again)', async () => {
    const { route, seen } = spyRoute();
    const door = createPageDoor({ route, records: memoryRecords() });
    const first = relayPort();
    const second = relayPort();
    door.connect(first);
    door.connect(second);
    first.deliver(begin);
    await settle();
    // In the same turn: the first is aborted but still settling when the second begins.
    first.deliver({ type: 'abort', requestId: ID });
    second.deliver({ ...begin, requestId: ID2 });
    await settle();
    expect(second.sent).toEqual([]);
    expect(seen.map((r) => r.requestId)).toEqual([ID, ID2]);
  });

  it.each<[string, PortSender, object]>([
    ['a background tab', { ...PAGE_SENDER, tab: { ...PAGE_SENDER.tab, active: false } }, frame],
    ['a hidden document', PAGE_SENDER, { ...frame, documentVisible: false }],
    [
      'a hidden document, even with a user gesture',
      PAGE_SENDER,
      { ...frame, documentVisible: false, hasTransientActivation: true },
    ],
  ])('refuses a prompt from %s', async (_why, sender, facts) => {
    const { route, seen } = spyRoute(fallback);
    const port = relayPort(sender);
    createPageDoor({ route, records: memoryRecords() }).connect(port);
    port.deliver({ ...begin, frame: facts });
    await settle();
    expect(port.sent).toMatchObject(refused('The document is not visible: WebAuthn needs the tab in front.'));
    expect(seen).toEqual([]);
  });

  it('a tab whose state the browser does not report (active unknown) may ask', async () => {
    const { route, seen } = spyRoute(fallback);
    const port = relayPort({ ...PAGE_SENDER, tab: { id: 7 } });
    createPageDoor({ route, records: memoryRecords() }).connect(port);
    port.deliver(begin);
    await settle();
    expect(seen).toHaveLength(1);
  });
});

describe('page door: malformed messages are dropped without a throw', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const { frame: _, ...noFrame } = begin;
  it.each<[string, unknown]>([
    ['null', null],
    ['a string', 'begin'],
    ['an array', [begin]],
    ['an unknown type', { ...begin, type: 'approve' }],
    ['an inherited name as type', { ...begin, type: 'constructor' }],
    ['a request id that is not a UUID', { ...begin, requestId: 'x' }],
    ['no frame facts', noFrame],
    [
      'frame facts with a string where a boolean goes',
      { ...begin, frame: { ...frame, documentVisible: 'yes' } },
    ],
    ['an unknown kind', { ...begin, kind: 'delete' }],
    ['no options at all', { type: 'begin', requestId: ID, kind: 'get', frame }],
    ['autofill for a create', { ...begin, kind: 'create', mediation: 'conditional' }],
    ['an unknown mediation', { ...begin, mediation: 'silent' }],
  ])('%s', async (_why, message) => {
    const { route, seen } = spyRoute(fallback);
    const door = createPageDoor({ route, records: memoryRecords() });
    const port = relayPort();
    door.connect(port);
    expect(() => port.deliver(message)).not.toThrow();
    await settle();
    expect(seen).toEqual([]);
    expect(port.sent).toEqual([]);
    expect(door.running()).toEqual([]);
  });
});
