/**
 * The prompt window (prompt-surface.ts), through the real worker on the fake browser: it opens beside
 * the asking window, one at a time and reused, is found again after a worker restart, and goes once
 * no prompt waits, giving the focus back.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PAGE_SENDER } from '../../../test/fakes/door.ts';
import { EXTENSION_ORIGIN } from '../../../test/fakes/fake-browser.ts';
import {
  connectPopup,
  connectRelay,
  fake,
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
const options = {
  rp: { id: 'example.com', name: 'Example' },
  user: { id: 'dXNlci0x', name: 'alice', displayName: 'Alice' },
  challenge: 'Y2hhbGxlbmdlLWNoYWxsZW5nZS1jaGFsbGVuZ2U',
  pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
};
const begin = (requestId: string) => ({
  type: 'begin',
  requestId,
  kind: 'create',
  options,
  frame: TOP_LEVEL_FRAME,
});
const created = () => fake.calls.filter((c) => c.api === 'windows.create');

/** A first request whose prompt the prompt window's page shows. */
async function firstPromptOnScreen() {
  const first = connectRelay(fake);
  first.say(begin(ID));
  const windowId = await promptWindowId(fake);
  const popup = connectPopup(fake, { windowId, promptWindow: true });
  popup.postMessage({ type: 'showing', promptId: ID });
  await promptShown(ID);
  return { first, windowId, popup };
}

/** A first request whose prompt is cancelled; resolves once the worker has closed its window. */
async function firstPromptCancelledAndClosed(): Promise<number> {
  const first = connectRelay(fake);
  first.say(begin(ID));
  const windowId = await promptWindowId(fake);
  await send('prompt/answer', { promptId: ID, decision: { type: 'cancel' } });
  await first.outcome();
  await until(() => !fake.windows.has(windowId), 'the prompt window to close');
  return windowId;
}

let worker: WorkerLife;
beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
  freshProfile(fake);
  // The browser window the page asks from: 1200 px wide at (100, 50).
  fake.openWindow({ id: 1, left: 100, top: 50, width: 1200, height: 800 });
  worker = await startWorker();
});
afterEach(() => {
  vi.clearAllTimers();
  vi.useRealTimers();
});

describe('the prompt window', () => {
  it('opens at the top right of the asking window, as a small popup window', async () => {
    connectRelay(fake).say(begin(ID));
    await promptWindowId(fake);
    expect(created()).toEqual([
      {
        api: 'windows.create',
        args: [
          {
            url: `${EXTENSION_ORIGIN}/popup/popup.html?window=1`,
            type: 'popup',
            width: 400,
            height: 560,
            focused: true,
            left: 100 + 1200 - 400 - 16,
            top: 50 + 72,
          },
        ],
      },
    ]);
  });

  it('a second prompt brings the same window forward instead of opening another', async () => {
    connectRelay(fake).say(begin(ID));
    const windowId = await promptWindowId(fake);
    const popup = connectPopup(fake, { windowId, promptWindow: true });
    const refreshes: unknown[] = [];
    popup.onMessage.addListener((m) => void refreshes.push(m));
    connectRelay(fake, { ...PAGE_SENDER, tab: { id: 8, active: true, windowId: 1 } }).say(begin(ID2));
    await until(() => fake.calls.some((c) => c.api === 'windows.update' && c.args[0] === windowId));
    expect(created()).toHaveLength(1);
    expect(fake.calls).toContainEqual({
      api: 'windows.update',
      args: [windowId, { focused: true, drawAttention: true }],
    });
    expect(refreshes).toContainEqual({ type: 'refresh' });
  });

  it('after a worker restart, the window still open is found and reused', async () => {
    connectRelay(fake).say(begin(ID));
    const windowId = await promptWindowId(fake);
    await promptShown(ID);
    await worker.prompts.flushed();
    fake.stopWorker();
    worker = await startWorker();
    // Chrome still lists the prompt window's page among the extension's contexts.
    fake.chrome.runtime.contexts = [
      { documentUrl: `${EXTENSION_ORIGIN}/popup/popup.html?window=1`, windowId },
    ];
    connectRelay(fake).say({ ...begin(ID), type: 'resume' });
    connectRelay(fake, { ...PAGE_SENDER, tab: { id: 8, active: true, windowId: 1 } }).say(begin(ID2));
    await until(() => fake.calls.some((c) => c.api === 'windows.update' && c.args[0] === windowId));
    expect(created()).toHaveLength(1);
  });

  it('asks the browser for a window left by an earlier worker life once, then opens at once', async () => {
    const lookups = vi.spyOn(fake.chrome.runtime, 'getContexts');
    await firstPromptCancelledAndClosed();
    connectRelay(fake).say(begin(ID2));
    await until(() => created().length === 2, 'a second window');
    expect(lookups).toHaveBeenCalledTimes(1);
  });

  it('a failed look for an earlier life’s window still opens the prompt, and the next prompt looks again', async () => {
    const lookups = vi.spyOn(fake.chrome.runtime, 'getContexts').mockRejectedValueOnce(new Error('busy'));
    await firstPromptCancelledAndClosed();
    connectRelay(fake).say(begin(ID2));
    await until(() => created().length === 2, 'a window for the next prompt too');
    // Asked again after the failure (a failed look is not kept as the answer).
    expect(lookups.mock.calls.length).toBeGreaterThan(1);
  });

  it('stays while another prompt waits, and goes (focus back to the page) when none does', async () => {
    const first = connectRelay(fake);
    first.say(begin(ID));
    const windowId = await promptWindowId(fake);
    const second = connectRelay(fake, { ...PAGE_SENDER, tab: { id: 8, active: true, windowId: 1 } });
    second.say(begin(ID2));
    await until(async () => (await send('prompt/current', {}))?.queued === 1);
    await send('prompt/answer', { promptId: ID, decision: { type: 'cancel' } });
    await first.outcome();
    await worker.prompts.flushed();
    expect(fake.windows.has(windowId)).toBe(true);
    await send('prompt/answer', { promptId: ID2, decision: { type: 'cancel' } });
    await second.outcome();
    await until(() => !fake.windows.has(windowId), 'the prompt window to close');
    await until(() => fake.calls.some((c) => c.api === 'tabs.update'), 'the focus to go back');
    expect(fake.calls).toContainEqual({ api: 'tabs.update', args: [8, { active: true }] });
  });

  it('a request that comes while the worker closes the window gets a new one, not the closing one', async () => {
    const windowId = await firstPromptCancelledAndClosed();
    // Chrome still lists the closing window's page, and still answers for the window, a moment longer.
    fake.openWindow({ id: windowId, left: 0, top: 0, width: 400, height: 560 });
    fake.chrome.runtime.contexts = [
      { documentUrl: `${EXTENSION_ORIGIN}/popup/popup.html?window=1`, windowId },
    ];
    connectRelay(fake, { ...PAGE_SENDER, tab: { id: 8, active: true, windowId: 1 } }).say(begin(ID2));
    await until(() => created().length === 2, 'a new prompt window');
    expect(fake.calls.some((c) => c.api === 'windows.update' && c.args[0] === windowId)).toBe(false);
  });

  it('a request that comes while the window closes itself (nothing left to show) gets a new one', async () => {
    const { first, windowId, popup } = await firstPromptOnScreen();
    // The user answers; the page in the window finds no prompt left, says so and closes itself.
    // Chrome still answers for the closing window a moment longer (windows.update succeeds).
    // (Approve: the signature and the store take a moment, so the first settles after the second comes.)
    await send('prompt/answer', { promptId: ID, decision: { type: 'approve' } });
    popup.postMessage({ type: 'showing', promptId: null });
    popup.postMessage({ type: 'closing' });
    popup.disconnect();
    // The next request arrives before the first has settled.
    connectRelay(fake, { ...PAGE_SENDER, tab: { id: 8, active: true, windowId: 1 } }).say(begin(ID2));
    await first.outcome();
    await promptShown(ID2);
    await worker.prompts.flushed();
    fake.closeWindow(windowId);
    await until(() => created().length === 2, 'a new prompt window for the second request');
    expect(fake.calls.some((c) => c.api === 'windows.update' && c.args[0] === windowId)).toBe(false);
  });

  it('the user closes the window while a new request brings it forward: the request gets a new one', async () => {
    const { first, windowId, popup } = await firstPromptOnScreen();
    // Chrome is slow to answer windows.update this time.
    const update = fake.browser.windows.update;
    let answerUpdate = () => {};
    const held = new Promise<void>((resolve) => {
      answerUpdate = resolve;
    });
    fake.browser.windows.update = async (...args: Parameters<typeof update>) => {
      await held;
      return update(...args);
    };
    const second = connectRelay(fake, { ...PAGE_SENDER, tab: { id: 8, active: true, windowId: 1 } });
    second.say(begin(ID2));
    await until(async () => (await send('prompt/current', {}))?.queued === 1);
    // The user closes the window (Cancel for the first); Chrome answers the update while it goes.
    popup.disconnect();
    await first.outcome();
    answerUpdate();
    await worker.prompts.flushed();
    fake.closeWindow(windowId);
    await until(() => created().length === 2, 'a new prompt window for the second request');
    expect((await send('prompt/current', {}))?.promptId).toBe(ID2);
  });

  it('a window brought forward for a waiting prompt as the user closed it: the prompt gets a new one', async () => {
    const { first, windowId, popup } = await firstPromptOnScreen();
    const second = connectRelay(fake, { ...PAGE_SENDER, tab: { id: 8, active: true, windowId: 1 } });
    second.say(begin(ID2));
    await until(async () => (await send('prompt/current', {}))?.queued === 1);
    // The user closes the window (Cancel for the first): its page goes at once, and the worker brings
    // the window forward for the second while Chrome still lists it; then it is gone.
    popup.disconnect();
    await first.outcome();
    await until(() => fake.calls.filter((c) => c.api === 'windows.update').length === 2);
    await worker.prompts.flushed();
    fake.closeWindow(windowId);
    await until(() => created().length === 2, 'a new prompt window for the second request');
    expect((await send('prompt/current', {}))?.promptId).toBe(ID2);
  });

  it('closing the window is Cancel, and no window opens again for the prompt it cancelled', async () => {
    const { first, windowId, popup } = await firstPromptOnScreen();
    popup.disconnect();
    fake.closeWindow(windowId);
    expect(await first.outcome()).toMatchObject({ type: 'error', name: 'NotAllowedError' });
    await worker.prompts.flushed();
    await vi.advanceTimersByTimeAsync(100);
    expect(created()).toHaveLength(1);
  });

  it('a window the worker closed itself is not taken for the user’s Cancel of a newer prompt', async () => {
    const first = connectRelay(fake);
    first.say(begin(ID));
    const windowId = await promptWindowId(fake);
    const popup = connectPopup(fake, { windowId, promptWindow: true });
    popup.postMessage({ type: 'showing', promptId: ID });
    await send('prompt/answer', { promptId: ID, decision: { type: 'cancel' } });
    await first.outcome();
    await until(() => !fake.windows.has(windowId), 'the prompt window to close');
    // A new request came meanwhile, and the closing page had shown it for a moment.
    const second = connectRelay(fake, { ...PAGE_SENDER, tab: { id: 8, active: true, windowId: 1 } });
    second.say(begin(ID2));
    await promptShown(ID2);
    popup.postMessage({ type: 'showing', promptId: ID2 });
    popup.disconnect();
    await worker.prompts.flushed();
    expect((await send('prompt/current', {}))?.promptId).toBe(ID2);
    expect(second.answers).toEqual([]);
  });
});
