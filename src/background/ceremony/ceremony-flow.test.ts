/**
 * The whole worker, through its ports (issue 13): a page's relay asks, the prompt waits in the queue,
 * the popup answers. Everything under src/background runs as it is; only the browser (test/fakes) and
 * IndexedDB (fake-indexeddb) are pretend. Credentials are checked by @simplewebauthn/server.
 */

import { verifyRegistrationResponse } from '@simplewebauthn/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fake } from '../../../test/fakes/browser-global.ts';
import { PAGE_SENDER } from '../../../test/fakes/door.ts';
import { EXTENSION_ID, EXTENSION_ORIGIN, type PortSender } from '../../../test/fakes/fake-browser.ts';
import {
  connectPopup,
  connectRelay,
  currentPrompt,
  freshProfile,
  promptShown,
  promptWindowId,
  startWorker,
  until,
  type WorkerLife,
} from '../../../test/fakes/worker.ts';
import { TOP_LEVEL_FRAME } from '../../client/testing/frame-facts.ts';
import { send } from '../../messages/client.ts';

const ID = '123e4567-e89b-42d3-a456-426614174000';
const ID2 = '123e4567-e89b-42d3-a456-426614174002';
const CHALLENGE = 'Y2hhbGxlbmdlLWNoYWxsZW5nZS1jaGFsbGVuZ2U';
const createOptions = {
  rp: { id: 'example.com', name: 'Example' },
  user: { id: 'dXNlci0x', name: 'alice@example.com', displayName: 'Alice' },
  challenge: CHALLENGE,
  pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
  timeout: 60_000,
};
const begin = (requestId = ID, options: object = createOptions) => ({
  type: 'begin',
  requestId,
  kind: 'create',
  options,
  frame: TOP_LEVEL_FRAME,
});
const answer = (promptId: string, decision: { type: 'approve' | 'cancel' | 'fallback'; pin?: string }) =>
  send('prompt/answer', { promptId, decision });
const OTHER_TAB: PortSender = { ...PAGE_SENDER, tab: { id: 8, active: true, windowId: 1 } };

let worker: WorkerLife;
beforeEach(async () => {
  // The worker's timers (the deadline, the restart grace period) run only when a test moves the
  // clock, so nothing a test did not ask for can end a prompt under it.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
  freshProfile(fake);
  // The window the page asked from, so the prompt window opens beside it.
  fake.openWindow({ id: 1, left: 0, top: 0, width: 1200, height: 800 });
  worker = await startWorker();
});
afterEach(() => {
  vi.clearAllTimers();
  vi.useRealTimers();
});

describe('a ceremony through the worker', () => {
  it('shows the sender’s origin in the prompt, and Approve answers the page with a credential for it', async () => {
    const relay = connectRelay(fake);
    relay.say(begin());
    const prompt = await promptShown(ID);
    expect(prompt).toMatchObject({
      kind: 'create',
      origin: 'https://example.com',
      rpId: 'example.com',
      user: { name: 'alice@example.com', displayName: 'Alice' },
      needsPin: false,
      queued: 0,
    });
    expect(await answer(ID, { type: 'approve' })).toEqual({ ok: true, remaining: 0 });
    const outcome = await relay.outcome();
    expect(outcome).toMatchObject({ requestId: ID, type: 'result', kind: 'create' });
    const verified = await verifyRegistrationResponse({
      // simplewebauthn types prf results as BufferSource; the JSON form has base64url strings.
      response: outcome.credential as Parameters<typeof verifyRegistrationResponse>[0]['response'],
      expectedChallenge: CHALLENGE,
      expectedOrigin: 'https://example.com',
      expectedRPID: 'example.com',
      requireUserVerification: false,
    });
    expect(verified.verified).toBe(true);
    expect(await currentPrompt()).toBeNull();
  });

  it('Approve returns to the prompt only once the page has its answer, before the window goes', async () => {
    const relay = connectRelay(fake);
    relay.say(begin());
    await promptShown(ID);
    expect(await answer(ID, { type: 'approve' })).toEqual({ ok: true, remaining: 0 });
    // Closing the window while the answer travels delayed it: the popup hears back only after.
    expect(relay.answers).toMatchObject([{ requestId: ID, type: 'result' }]);
    const order = fake.calls
      .map((c) => c.api)
      .filter((api) => api === 'relay.answer' || api === 'windows.remove');
    expect(order).toEqual(['relay.answer', 'windows.remove']);
  });

  it('an answer on the popup’s port approves as prompt/answer does, and its reply comes back on the port', async () => {
    const relay = connectRelay(fake);
    relay.say(begin());
    await promptShown(ID);
    const popup = connectPopup(fake, { windowId: await promptWindowId(fake), promptWindow: true });
    const heard: unknown[] = [];
    popup.onMessage.addListener((m) => void heard.push(m));
    // A malformed answer is not taken: the prompt still waits.
    popup.postMessage({ type: 'answer', callId: 1, request: { promptId: ID, decision: { type: 'sign' } } });
    popup.postMessage({
      type: 'answer',
      callId: 2,
      request: { promptId: ID, decision: { type: 'approve' } },
    });
    const reply = await until(
      () => heard.find((m) => (m as { type?: string }).type === 'answered'),
      'the reply',
    );
    expect(reply).toEqual({ type: 'answered', callId: 2, response: { ok: true, remaining: 0 } });
    expect(await relay.outcome()).toMatchObject({ requestId: ID, type: 'result', kind: 'create' });
  });

  it.each<[string, PortSender]>([
    [
      'another extension’s page',
      { ...PAGE_SENDER, origin: 'chrome-extension://otherextensionidotherextensionid' },
    ],
    ['a file: document', { ...PAGE_SENDER, origin: 'file://', url: 'file:///home/alice/login.html' }],
    ['a plain http: site', { ...PAGE_SENDER, origin: 'http://example.com', url: 'http://example.com/' }],
  ])('refuses %s with SecurityError, before any prompt', async (_why, sender) => {
    const relay = connectRelay(fake, sender);
    relay.say(begin());
    expect(await relay.outcome()).toMatchObject({ type: 'error', name: 'SecurityError' });
    expect(await currentPrompt()).toBeNull();
    expect(fake.calls.filter((c) => c.api === 'windows.create')).toEqual([]);
  });
});

describe('the prompt queue', () => {
  it('the page’s abort takes its prompt away; a later answer is refused and the page hears nothing more', async () => {
    const relay = connectRelay(fake);
    relay.say(begin());
    await promptShown(ID);
    const popup = connectPopup(fake, { windowId: await promptWindowId(fake), promptWindow: true });
    popup.postMessage({ type: 'showing', promptId: ID });
    const seen: unknown[] = [];
    popup.onMessage.addListener((m) => seen.push(m));
    relay.say({ type: 'abort', requestId: ID });
    await until(async () => (await currentPrompt()) === null, 'the prompt to go');
    // Popups hear in a task of their own (prompts.ts changed()).
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toContainEqual({ type: 'refresh' });
    expect(await answer(ID, { type: 'approve' })).toEqual({
      ok: false,
      error: 'This request is no longer waiting.',
    });
    await worker.prompts.flushed();
    expect(relay.answers).toEqual([]);
  });

  it('a page that aborts and asks again has its new prompt shown in place of the old one', async () => {
    const relay = connectRelay(fake);
    relay.say(begin(ID));
    await promptShown(ID);
    relay.say({ type: 'abort', requestId: ID });
    const again = connectRelay(fake);
    again.say(begin(ID2));
    expect(await promptShown(ID2)).toMatchObject({ queued: 0 });
    expect(again.answers).toEqual([]);
    expect(await answer(ID2, { type: 'approve' })).toEqual({ ok: true, remaining: 0 });
    expect(await again.outcome()).toMatchObject({ requestId: ID2, type: 'result' });
    expect(relay.answers).toEqual([]);
  });

  it('a closed tab takes its prompt away', async () => {
    const relay = connectRelay(fake);
    relay.say(begin());
    await promptShown(ID);
    relay.close();
    await until(async () => (await currentPrompt()) === null, 'the prompt to go');
    expect(await currentPrompt()).toBeNull();
  });

  it('a second tab’s request waits behind the first; each answer goes to its own prompt only', async () => {
    const first = connectRelay(fake);
    first.say(begin(ID));
    await promptShown(ID);
    const second = connectRelay(fake, OTHER_TAB);
    second.say(begin(ID2, { ...createOptions, user: { ...createOptions.user, name: 'bob' } }));
    await until(async () => (await currentPrompt())?.queued === 1, 'the second prompt to queue');
    expect((await currentPrompt())?.promptId).toBe(ID);

    // An answer for a prompt that does not exist changes nothing.
    expect(await answer('123e4567-e89b-42d3-a456-426614174999', { type: 'approve' })).toMatchObject({
      ok: false,
    });
    // Cancelling the second (by its id) ends the second only.
    expect(await answer(ID2, { type: 'cancel' })).toEqual({ ok: true, remaining: 1 });
    expect(await second.outcome()).toMatchObject({ requestId: ID2, type: 'error', name: 'NotAllowedError' });
    expect(first.answers).toEqual([]);
    expect(await currentPrompt()).toMatchObject({ promptId: ID, queued: 0 });
    expect(await answer(ID, { type: 'approve' })).toEqual({ ok: true, remaining: 0 });
    expect(await first.outcome()).toMatchObject({ requestId: ID, type: 'result' });
  });

  it('an answer after the prompt was answered is refused', async () => {
    const relay = connectRelay(fake);
    relay.say(begin());
    await promptShown(ID);
    expect(await answer(ID, { type: 'cancel' })).toEqual({ ok: true, remaining: 0 });
    expect(await answer(ID, { type: 'approve' })).toEqual({
      ok: false,
      error: 'This request is no longer waiting.',
    });
    expect(await relay.outcome()).toMatchObject({ type: 'error', name: 'NotAllowedError' });
    expect(relay.answers).toHaveLength(1);
  });

  it('the deadline ends the prompt and answers the page NotAllowedError', async () => {
    const relay = connectRelay(fake);
    relay.say(begin(ID, { ...createOptions, timeout: 10_000 }));
    await promptShown(ID);
    await vi.advanceTimersByTimeAsync(9_000);
    expect(relay.answers).toEqual([]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await relay.outcome()).toMatchObject({ type: 'error', name: 'NotAllowedError' });
    expect(await currentPrompt()).toBeNull();
  });
});

describe('who may answer', () => {
  it('closing the prompt window is Cancel', async () => {
    const relay = connectRelay(fake);
    relay.say(begin());
    await promptShown(ID);
    const windowId = await promptWindowId(fake);
    const popup = connectPopup(fake, { windowId, promptWindow: true });
    popup.postMessage({ type: 'showing', promptId: ID });
    popup.disconnect();
    fake.closeWindow(windowId);
    expect(await relay.outcome()).toMatchObject({ type: 'error', name: 'NotAllowedError' });
    expect(await currentPrompt()).toBeNull();
  });

  it('closing the toolbar popup cancels nothing', async () => {
    const relay = connectRelay(fake);
    relay.say(begin());
    await promptShown(ID);
    const popup = connectPopup(fake, { promptWindow: false });
    popup.postMessage({ type: 'showing', promptId: ID });
    popup.disconnect();
    await worker.prompts.flushed();
    expect((await currentPrompt())?.promptId).toBe(ID);
    expect(relay.answers).toEqual([]);
  });

  it.each<[string, PortSender]>([
    ['a content script (our id, a web page’s URL)', { id: EXTENSION_ID, url: 'https://example.com/login' }],
    [
      'another extension',
      { id: 'otherextensionidotherextensionid', url: `${EXTENSION_ORIGIN}/popup/popup.html` },
    ],
    ['a sender without a URL', { id: EXTENSION_ID }],
  ])('a runtime message from %s is not answered, and its decision is not taken', async (_why, sender) => {
    const relay = connectRelay(fake);
    relay.say(begin());
    await promptShown(ID);
    const popup = fake.browser.runtime.popupSender;
    fake.browser.runtime.popupSender = sender;
    await expect(answer(ID, { type: 'approve' })).rejects.toThrow(/Receiving end does not exist/);
    await expect(send('settings/reset', { confirm: 'RESET' })).rejects.toThrow(/Receiving end/);
    fake.browser.runtime.popupSender = popup;
    expect((await currentPrompt())?.promptId).toBe(ID);
    expect(relay.answers).toEqual([]);
  });

  it.each<[string, unknown]>([
    ['a decision of an unknown type', { type: 'approve-all' }],
    ['a credential id that is not a string', { type: 'approve', credentialId: 5 }],
    ['a PIN that is not a string', { type: 'approve', pin: ['1234'] }],
    ['no decision', undefined],
  ])(
    'a malformed answer from our own popup (%s) is not answered and changes nothing',
    async (_why, decision) => {
      const relay = connectRelay(fake);
      relay.say(begin());
      await promptShown(ID);
      await expect(
        fake.browser.runtime.sendMessage({ name: 'prompt/answer', payload: { promptId: ID, decision } }),
      ).rejects.toThrow(/Receiving end does not exist/);
      expect((await currentPrompt())?.promptId).toBe(ID);
      expect(relay.answers).toEqual([]);
    },
  );

  it('a web page’s port named like the popup’s is disconnected: it cannot cancel by closing', async () => {
    const relay = connectRelay(fake);
    relay.say(begin());
    await promptShown(ID);
    const windowId = await promptWindowId(fake);
    const { portPair } = await import('../../../test/fakes/fake-browser.ts');
    const { a, b } = portPair('tapkey/popup-v1', {
      id: EXTENSION_ID,
      url: 'https://example.com/?window=1',
      tab: { id: 7, windowId },
    });
    fake.browser.runtime.onConnect.fire(b);
    expect(a.connected).toBe(false);
    await worker.prompts.flushed();
    expect((await currentPrompt())?.promptId).toBe(ID);
  });
});

describe('the hand-back to the browser', () => {
  it('“Use another device” closes the prompt window and returns the focus before the page is told', async () => {
    const relay = connectRelay(fake);
    relay.say(begin());
    await promptShown(ID);
    const windowId = await promptWindowId(fake);
    const popup = connectPopup(fake, { windowId, promptWindow: true });
    popup.postMessage({ type: 'showing', promptId: ID });
    expect(await answer(ID, { type: 'fallback' })).toEqual({ ok: true, remaining: 0 });
    expect(await relay.outcome()).toEqual({ requestId: ID, type: 'fallback' });
    const order = fake.calls.map((c) => c.api);
    expect(order.indexOf('windows.remove')).toBeGreaterThan(-1);
    expect(order.indexOf('windows.remove')).toBeLessThan(order.indexOf('relay.answer'));
    // The asking window gets the focus back, then its tab.
    expect(fake.calls).toContainEqual({ api: 'windows.update', args: [1, { focused: true }] });
    expect(fake.calls).toContainEqual({ api: 'tabs.update', args: [7, { active: true }] });
    expect(order.lastIndexOf('tabs.update')).toBeLessThan(order.indexOf('relay.answer'));
  });

  it('a site on the “never use Tapkey” list is handed back without a prompt', async () => {
    await send('settings/bypass', { origin: 'https://example.com', bypass: true });
    const relay = connectRelay(fake);
    relay.say(begin());
    expect(await relay.outcome()).toEqual({ requestId: ID, type: 'fallback' });
    expect(fake.calls.filter((c) => c.api === 'windows.create')).toEqual([]);
  });
});

describe('a worker restart while the prompt waits', () => {
  it('the relay resumes; the same prompt is shown and its answer reaches the page', async () => {
    const relay = connectRelay(fake);
    relay.say(begin());
    await promptShown(ID);
    await worker.prompts.flushed();
    // Chrome stops the worker: its ports close, the relay resumes on a new one.
    fake.stopWorker();
    worker = await startWorker();
    const resumed = connectRelay(fake);
    resumed.say({ ...begin(), type: 'resume' });
    await promptShown(ID);
    expect(await answer(ID, { type: 'approve' })).toEqual({ ok: true, remaining: 0 });
    expect(await resumed.outcome()).toMatchObject({ requestId: ID, type: 'result', kind: 'create' });
  });

  it('an answer given before the relay resumed is kept for it, and a second answer is refused', async () => {
    const relay = connectRelay(fake);
    relay.say(begin());
    await promptShown(ID);
    await worker.prompts.flushed();
    fake.stopWorker();
    worker = await startWorker();
    // The restarted worker shows the stored prompt; the user approves before the page's relay is back.
    await promptShown(ID);
    expect(await answer(ID, { type: 'approve' })).toEqual({ ok: true, remaining: 0 });
    expect(await answer(ID, { type: 'cancel' })).toEqual({
      ok: false,
      error: 'This request is no longer waiting.',
    });
    expect(await currentPrompt()).toBeNull();
    const windowsBefore = fake.calls.filter((c) => c.api === 'windows.create').length;
    const resumed = connectRelay(fake);
    resumed.say({ ...begin(), type: 'resume' });
    expect(await resumed.outcome()).toMatchObject({ requestId: ID, type: 'result', kind: 'create' });
    // The answer was there before the ceremony asked again: no prompt window opens for it.
    await worker.prompts.flushed();
    expect(fake.calls.filter((c) => c.api === 'windows.create')).toHaveLength(windowsBefore);
  });

  it('a prompt answered just before Chrome stops the worker is not shown again by the next one', async () => {
    const relay = connectRelay(fake);
    relay.say(begin());
    await promptShown(ID);
    await worker.prompts.flushed();
    expect(await answer(ID, { type: 'cancel' })).toEqual({ ok: true, remaining: 0 });
    expect(await relay.outcome()).toMatchObject({ type: 'error', name: 'NotAllowedError' });
    // Stopped at once: its timers go with it, so nothing it wrote behind is written any more.
    vi.clearAllTimers();
    fake.stopWorker();
    worker = await startWorker();
    expect(await currentPrompt()).toBeNull();
  });

  it('a prompt whose page did not come back goes after the grace period, not before', async () => {
    const relay = connectRelay(fake);
    relay.say(begin());
    await promptShown(ID);
    await worker.prompts.flushed();
    fake.stopWorker();
    worker = await startWorker();
    await promptShown(ID);
    await vi.advanceTimersByTimeAsync(2_900);
    expect((await currentPrompt())?.promptId).toBe(ID);
    await vi.advanceTimersByTimeAsync(100);
    expect(await currentPrompt()).toBeNull();
  });

  it('a resume from another tab after the restart is refused, and leaves the prompt alone', async () => {
    const relay = connectRelay(fake);
    relay.say(begin());
    await promptShown(ID);
    await worker.prompts.flushed();
    fake.stopWorker();
    worker = await startWorker();
    const stranger = connectRelay(fake, OTHER_TAB);
    stranger.say({ ...begin(), type: 'resume' });
    expect(await stranger.outcome()).toMatchObject({ type: 'error', name: 'NotAllowedError' });
    const owner = connectRelay(fake);
    owner.say({ ...begin(), type: 'resume' });
    await promptShown(ID);
    expect(await answer(ID, { type: 'approve' })).toEqual({ ok: true, remaining: 0 });
    expect(await owner.outcome()).toMatchObject({ type: 'result' });
  });
});
