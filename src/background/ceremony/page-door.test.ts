/**
 * Issue 8, defect 5: every request gets an answer by its deadline, whatever fails in between.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { relayPort as fakePort, memoryRecords } from '../../../test/fakes/door.ts';
import { TOP_LEVEL_FRAME } from '../../client/testing/frame-facts.ts';
import type { CeremonyOutcome } from '../../messages/protocol.ts';
import { createPageDoor, type RequestRecord, type RequestRecords } from './page-door.ts';
import type { CeremonyRequest, Router } from './router.ts';

const REQUEST_ID = '123e4567-e89b-42d3-a456-426614174000';
const frame = TOP_LEVEL_FRAME;
const begin = {
  type: 'begin',
  requestId: REQUEST_ID,
  kind: 'get',
  options: { timeout: 10_000 },
  frame,
} as const;
const result: CeremonyOutcome = { type: 'fallback' };

const never: Router = () => new Promise(() => undefined);
const settle = () => vi.advanceTimersByTimeAsync(0);

describe('page door: every request is answered', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('a ceremony that never settles is answered NotAllowedError at its deadline', async () => {
    const door = createPageDoor({ route: never, records: memoryRecords() });
    const port = fakePort();
    door.connect(port);
    port.deliver(begin);
    await vi.advanceTimersByTimeAsync(9_999);
    expect(port.sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(port.sent).toMatchObject([{ requestId: REQUEST_ID, type: 'error', name: 'NotAllowedError' }]);
    expect(door.running()).toEqual([]);
  });

  it('a ceremony that throws is answered at once, without internals', async () => {
    const route: Router = async () => {
      throw new Error('IndexedDB exploded: secret detail');
    };
    const port = fakePort();
    createPageDoor({ route, records: memoryRecords() }).connect(port);
    port.deliver(begin);
    await settle();
    expect(port.sent).toHaveLength(1);
    expect(port.sent[0]).toMatchObject({ type: 'error', name: 'NotAllowedError' });
    expect(JSON.stringify(port.sent)).not.toContain('secret detail');
  });

  it('a subframe is judged by its ancestors: never taken for the top-level document', async () => {
    const seen: CeremonyRequest[] = [];
    const route: Router = async (request) => {
      seen.push(request);
      return result;
    };
    const port = fakePort({
      origin: 'https://frame.example',
      url: 'https://frame.example/widget',
      frameId: 3,
      tab: { id: 7, active: true, windowId: 1 },
    });
    createPageDoor({ route, records: memoryRecords() }).connect(port);
    port.deliver({ ...begin, frame: { ...frame, ancestorOrigins: ['https://shop.example'] } });
    await settle();
    expect(seen[0]?.caller).toEqual({
      origin: 'https://frame.example',
      sameOriginWithAncestors: false,
      topOrigin: 'https://shop.example',
    });
  });

  it('records that cannot be read or written do not leave the page waiting', async () => {
    const broken: RequestRecords = {
      get: async () => {
        throw new Error('storage gone');
      },
      put: async () => {
        throw new Error('storage gone');
      },
      delete: async () => {
        throw new Error('storage gone');
      },
    };
    const ok: Router = async () => result;
    const first = fakePort();
    createPageDoor({ route: ok, records: broken }).connect(first);
    first.deliver(begin);
    await settle();
    expect(first.sent).toMatchObject([{ type: 'fallback' }]);
    // A resume in a restarted worker whose records cannot be read is answered too.
    const second = fakePort();
    createPageDoor({ route: ok, records: broken }).connect(second);
    second.deliver({ ...begin, type: 'resume' });
    await settle();
    expect(second.sent).toMatchObject([{ type: 'error', name: 'NotAllowedError' }]);
  });

  it('a resume while the request still runs moves its answer to the new port', async () => {
    let finish: (o: CeremonyOutcome) => void = () => undefined;
    const route: Router = () => new Promise((resolve) => (finish = resolve));
    const door = createPageDoor({ route, records: memoryRecords() });
    const old = fakePort();
    door.connect(old);
    old.deliver(begin);
    await settle();
    const fresh = fakePort();
    door.connect(fresh);
    fresh.deliver({ ...begin, type: 'resume' });
    await settle();
    finish(result);
    await settle();
    expect(old.sent).toEqual([]);
    expect(fresh.sent).toMatchObject([{ requestId: REQUEST_ID, type: 'fallback' }]);
  });

  it('a resume from another document is refused, the running request is untouched', async () => {
    const records = memoryRecords();
    const door = createPageDoor({ route: never, records });
    const port = fakePort();
    door.connect(port);
    port.deliver(begin);
    await settle();
    const other = fakePort();
    other.sender = { ...other.sender, frameId: 3 };
    door.connect(other);
    other.deliver({ ...begin, type: 'resume' });
    await settle();
    expect(other.sent).toMatchObject([{ type: 'error', name: 'NotAllowedError' }]);
    expect(door.running()).toEqual([REQUEST_ID]);
  });

  it('the page’s abort reaches the ceremony, and the page (already rejected) gets no answer', async () => {
    let seen: CeremonyRequest | undefined;
    const route: Router = (request) => {
      seen = request;
      return new Promise(() => undefined);
    };
    const records = memoryRecords();
    const port = fakePort();
    createPageDoor({ route, records }).connect(port);
    port.deliver(begin);
    await settle();
    port.deliver({ type: 'abort', requestId: REQUEST_ID });
    await settle();
    expect(seen?.signal.aborted).toBe(true);
    expect(port.sent).toEqual([]);
    expect(records.all.size).toBe(0);
  });

  it('a closed tab aborts its request', async () => {
    let seen: CeremonyRequest | undefined;
    const route: Router = (request) => {
      seen = request;
      return new Promise(() => undefined);
    };
    const door = createPageDoor({ route, records: memoryRecords() });
    const port = fakePort();
    door.connect(port);
    port.deliver(begin);
    await settle();
    port.close();
    await settle();
    expect(seen?.signal.reason).toBe('abort');
    expect(door.running()).toEqual([]);
  });

  it('a resume that asks something else than the request it resumes is refused (defect 6)', async () => {
    const records = memoryRecords();
    const ok: Router = async () => result;
    // The first worker life began the request and kept its record, then stopped.
    const first = fakePort();
    createPageDoor({ route: never, records }).connect(first);
    first.deliver(begin);
    await settle();
    const kept = new Map(records.all);
    // In the next life, a resume with other options (another challenge, say) gets no prompt or answer.
    const restarted = memoryRecords();
    for (const [id, r] of kept) restarted.all.set(id, r);
    const changed = fakePort();
    createPageDoor({ route: ok, records: restarted }).connect(changed);
    changed.deliver({ ...begin, type: 'resume', options: { timeout: 10_000, challenge: 'other' } });
    await settle();
    expect(changed.sent).toMatchObject([{ type: 'error', name: 'NotAllowedError' }]);
    // The same request, resumed, goes on.
    for (const [id, r] of kept) restarted.all.set(id, r);
    const same = fakePort();
    createPageDoor({ route: ok, records: restarted }).connect(same);
    same.deliver({ ...begin, type: 'resume' });
    await settle();
    expect(same.sent).toMatchObject([{ type: 'fallback' }]);
  });

  it('an unfocused document without a user gesture cannot begin (defect 2)', async () => {
    let routed = 0;
    const ok: Router = async () => {
      routed++;
      return result;
    };
    const door = createPageDoor({ route: ok, records: memoryRecords() });
    const unfocused = fakePort();
    door.connect(unfocused);
    unfocused.deliver({ ...begin, frame: { ...frame, documentFocused: false } });
    await settle();
    expect(unfocused.sent).toMatchObject([
      { type: 'error', name: 'NotAllowedError', message: 'The document is not focused.' },
    ]);
    // A click the user just made counts, as in Chrome.
    const clicked = fakePort();
    door.connect(clicked);
    clicked.deliver({
      ...begin,
      requestId: '123e4567-e89b-42d3-a456-426614174001',
      frame: { ...frame, documentFocused: false, hasTransientActivation: true },
    });
    await settle();
    expect(clicked.sent).toMatchObject([{ type: 'fallback' }]);
    expect(routed).toBe(1);
  });

  it('one pending request per tab: a frame of the same tab cannot queue a second (defect 2)', async () => {
    const door = createPageDoor({ route: never, records: memoryRecords() });
    const top = fakePort();
    door.connect(top);
    top.deliver(begin);
    await settle();
    for (const frameId of [1, 2, 3]) {
      const frameDoc = fakePort();
      frameDoc.sender = { ...frameDoc.sender, frameId, origin: 'https://frames.example' };
      door.connect(frameDoc);
      frameDoc.deliver({ ...begin, requestId: `123e4567-e89b-42d3-a456-42661417400${frameId}` });
      await settle();
      expect(frameDoc.sent).toMatchObject([
        { type: 'error', name: 'NotAllowedError', message: 'A request is already pending.' },
      ]);
    }
    expect(door.running()).toEqual([REQUEST_ID]);
    // Another tab may.
    const other = fakePort();
    other.sender = { ...other.sender, tab: { id: 8, active: true } };
    door.connect(other);
    other.deliver({ ...begin, requestId: '123e4567-e89b-42d3-a456-426614174009' });
    await settle();
    expect(door.running()).toHaveLength(2);
  });
});

describe('page door: passkey autofill (mediation "conditional")', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const conditional = { ...begin, mediation: 'conditional' } as const;
  const OTHER_ID = '123e4567-e89b-42d3-a456-426614174001';

  it('has no deadline: it waits for the user as long as the page does', async () => {
    const seen: CeremonyRequest[] = [];
    const route: Router = (request) => {
      seen.push(request);
      return never(request);
    };
    const port = fakePort();
    createPageDoor({ route, records: memoryRecords() }).connect(port);
    port.deliver(conditional);
    await vi.advanceTimersByTimeAsync(24 * 60 * 60 * 1000);
    expect(port.sent).toEqual([]);
    expect(seen[0]?.autofill?.tabId).toBe(7);
  });

  it('sends the offer’s token to the relay, on the port it holds now', async () => {
    const route: Router = (request) => {
      request.autofill?.announce('token-1');
      return never(request);
    };
    const port = fakePort();
    createPageDoor({ route, records: memoryRecords() }).connect(port);
    port.deliver(conditional);
    await settle();
    expect(port.sent).toEqual([{ type: 'offer', requestId: REQUEST_ID, token: 'token-1' }]);
  });

  it('stores its record before its offer goes out, so a worker stopped right after can resume it', async () => {
    const route: Router = (request) => {
      request.autofill?.announce('token-1');
      return never(request);
    };
    const records = memoryRecords();
    let store: () => void = () => undefined;
    const stored = new Promise<void>((resolve) => {
      store = resolve;
    });
    const slow = { ...records, put: async (r: RequestRecord) => stored.then(() => records.put(r)) };
    const port = fakePort();
    createPageDoor({ route, records: slow }).connect(port);
    port.deliver(conditional);
    await settle();
    expect(port.sent).toEqual([]);
    store();
    await settle();
    expect(records.all.has(REQUEST_ID)).toBe(true);
    expect(port.sent).toEqual([{ type: 'offer', requestId: REQUEST_ID, token: 'token-1' }]);
  });

  it('may start in a document without focus (a page load): it shows nothing until a field is focused', async () => {
    const port = fakePort();
    createPageDoor({ route: never, records: memoryRecords() }).connect(port);
    port.deliver({
      ...conditional,
      frame: { ...frame, documentFocused: false, hasTransientActivation: false },
    });
    await settle();
    expect(port.sent).toEqual([]);
    const modal = fakePort();
    createPageDoor({ route: never, records: memoryRecords() }).connect(modal);
    modal.deliver({ ...begin, frame: { ...frame, documentFocused: false, hasTransientActivation: false } });
    await settle();
    expect(modal.sent).toMatchObject([{ type: 'error', name: 'NotAllowedError' }]);
  });

  it('gives way to a modal request from the same tab, which then runs', async () => {
    const routed: string[] = [];
    const route: Router = (request) => {
      routed.push(request.requestId);
      return request.autofill ? never(request) : Promise.resolve(result);
    };
    const door = createPageDoor({ route, records: memoryRecords() });
    const autofill = fakePort();
    door.connect(autofill);
    autofill.deliver(conditional);
    await settle();
    const modal = fakePort();
    door.connect(modal);
    modal.deliver({ ...begin, requestId: OTHER_ID });
    await settle();
    expect(autofill.sent).toMatchObject([{ requestId: REQUEST_ID, type: 'error', name: 'NotAllowedError' }]);
    expect(modal.sent).toMatchObject([{ requestId: OTHER_ID, type: 'fallback' }]);
    expect(routed).toEqual([REQUEST_ID, OTHER_ID]);
  });

  it('does not give way to another autofill request: one request per tab still holds', async () => {
    const door = createPageDoor({ route: never, records: memoryRecords() });
    const first = fakePort();
    door.connect(first);
    first.deliver(conditional);
    await settle();
    const second = fakePort();
    door.connect(second);
    second.deliver({ ...conditional, requestId: OTHER_ID });
    await settle();
    expect(first.sent).toEqual([]);
    expect(second.sent).toMatchObject([{ type: 'error', name: 'NotAllowedError' }]);
  });
});

describe('page door: the prompt window waits for the page to have its answer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const answered: CeremonyOutcome = { type: 'error', name: 'NotAllowedError', message: 'no' };

  it('closes the window and returns the focus only once the relay lets go of the port', async () => {
    const settled = vi.fn();
    const door = createPageDoor({ route: async () => answered, records: memoryRecords(), settled });
    const port = fakePort();
    door.connect(port);
    port.deliver(begin);
    let received = false;
    void door.whenAnswered(REQUEST_ID).then(() => {
      received = true;
    });
    await settle();
    // The answer is posted; the browser has not delivered it yet: no window work may compete.
    expect(port.sent).toHaveLength(1);
    expect(received).toBe(false);
    expect(settled).not.toHaveBeenCalled();
    // The relay has passed it to the page and disconnects (relay-request.ts finish).
    port.close();
    await settle();
    expect(received).toBe(true);
    expect(settled).toHaveBeenCalledWith({ tabId: 7, windowId: 1 });
  });

  it('waits at most a second for a relay that never lets go, and not at all for a request it does not run', async () => {
    const settled = vi.fn();
    const door = createPageDoor({ route: async () => answered, records: memoryRecords(), settled });
    const port = fakePort();
    door.connect(port);
    port.deliver(begin);
    await settle();
    await vi.advanceTimersByTimeAsync(999);
    expect(settled).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(settled).toHaveBeenCalledTimes(1);
    await expect(door.whenAnswered('someone-else')).resolves.toBeUndefined();
  });
});
