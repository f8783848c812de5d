// @vitest-environment happy-dom
/**
 * The popup page (popup.ts) with its port to the worker (worker-port.ts), in happy-dom against a
 * scripted worker: it tells the worker which prompt is on screen (so closing the prompt window
 * cancels that one, also after a worker restart), keeps a prompt's arming across a refresh, arms a
 * replacing prompt later, and leaves the prompt window to the worker once nothing waits.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PromptView } from '../src/messages/views.ts';
import { fake } from '../test/fakes/browser-global.ts';
import type { FakePort } from '../test/fakes/fake-browser.ts';
import { promptView, scriptedWorker } from '../test/fakes/popup-worker.ts';
import { BUSY_SHOWN_AFTER_MS } from './prompt/answer.ts';
import { ARMING_DELAY_MS, REPLACED_ARMING_DELAY_MS } from './prompt/arming.ts';

const P1 = promptView();
const P2 = promptView({ promptId: '123e4567-e89b-42d3-a456-426614174002', candidates: [] });

/** What the worker has waiting (the popup asks with prompt/current). */
let waiting: PromptView[];
/** The worker's ends of the popup's ports, newest last. */
let ports: FakePort[];
let closed: number;
/** The runtime messages the popup sent (answers normally go on the port instead). */
let runtimeMessages: { name: string }[];
/** When set, the worker takes answers on the port but never replies (it was stopped). */
let silentPort = false;
/** When set, the worker's next prompt/current handler fails (Chrome's polyfill then replies with this). */
let failNextLook = false;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  fake.reset();
  // A prompt waits: the badge says so (and the popup does not prefetch the Codes tab).
  fake.badge.text = '1';
  waiting = [P1];
  ports = [];
  const answer = (payload: Record<string, unknown>) => {
    waiting = waiting.filter((p) => p.promptId !== payload.promptId);
    return { ok: true, remaining: waiting.length };
  };
  silentPort = false;
  failNextLook = false;
  runtimeMessages = scriptedWorker(fake, (name, payload) => {
    if (name === 'prompt/current' && failNextLook) {
      failNextLook = false;
      return { __mozWebExtensionPolyfillReject__: true, message: 'IndexedDB went away' };
    }
    if (name === 'prompt/current') return waiting[0] ? { ...waiting[0], queued: waiting.length - 1 } : null;
    if (name === 'prompt/answer') return answer(payload);
    if (name === 'otp/list') return { ok: true, accounts: [], clockOffsetMs: 0, siteScores: {} };
    return undefined;
  });
  fake.browser.runtime.onConnect.addListener((port) => {
    ports.push(port);
    // The answer comes on the popup's port, and its reply goes back on it.
    port.onMessage.addListener((m) => {
      const message = m as { type?: string; callId?: number; request?: Record<string, unknown> };
      if (message.type !== 'answer' || !message.request || silentPort) return;
      port.postMessage({ type: 'answered', callId: message.callId, response: answer(message.request) });
    });
  });
  document.body.innerHTML = '<main id="app"></main>';
  closed = 0;
  vi.spyOn(window, 'close').mockImplementation(() => void closed++);
});
afterEach(async () => {
  // A home on screen imports the Codes tab on demand: let that load before the next test (or the
  // end of the file, after which a module still loading is an error).
  await vi.dynamicImportSettled();
  vi.clearAllTimers();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/**
 * Opens the popup page: as the prompt window (`?window=1`) or the toolbar popup. With `early`, the
 * page's classic script (early-ask.ts) runs first and has its answer, then `meanwhile` runs, then
 * the modules: as in the browser, where the modules come about 25 ms later. `'failed'`: its message
 * failed.
 */
async function openPopup(
  promptWindow: boolean,
  early?: { meanwhile?: () => void } | 'failed',
): Promise<void> {
  const happy = (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM;
  happy.setURL(
    `chrome-extension://${fake.browser.runtime.id}/popup/popup.html${promptWindow ? '?window=1' : ''}`,
  );
  vi.resetModules();
  globalThis.__tapkeyEarlyPrompt = early === 'failed' ? Promise.resolve({ ok: false }) : undefined;
  if (early && early !== 'failed') {
    await import('./early-ask.ts');
    await globalThis.__tapkeyEarlyPrompt;
    early.meanwhile?.();
  }
  await import('./popup.ts');
  await settle();
}

const settle = () => vi.advanceTimersByTimeAsync(0);
/** What the popup told the worker on `port`. */
function told(port: FakePort): unknown[] {
  return (port as FakePort & { heard?: unknown[] }).heard ?? [];
}
const shown = () => document.querySelector<HTMLElement>('section.prompt')?.dataset.promptId;
const approve = () => document.querySelector<HTMLButtonElement>('#approve');

beforeEach(() => {
  // Record what the popup posts on each port as it connects.
  fake.browser.runtime.onConnect.addListener((port) => {
    const heard: unknown[] = [];
    Object.assign(port, { heard });
    port.onMessage.addListener((m) => void heard.push(m));
  });
});

describe('the first look, asked before the modules (early-ask.ts)', () => {
  const asked = () => runtimeMessages.filter((m) => m.name === 'prompt/current').length;

  it('shows the prompt the early answer names, and looks once more after connecting', async () => {
    await openPopup(true, {});
    expect(shown()).toBe(P1.promptId);
    expect(told(ports[0]!).at(-1)).toEqual({ type: 'showing', promptId: P1.promptId });
    // The early ask and the one look after the port connected; the early answer is used once.
    expect(asked()).toBe(2);
    expect(globalThis.__tapkeyEarlyPrompt).toBeUndefined();
  });

  it('a prompt gone between the early answer and the port is not left on screen', async () => {
    await openPopup(true, { meanwhile: () => (waiting = []) });
    expect(shown()).toBeUndefined();
    expect(document.getElementById('app')?.children).toHaveLength(0);
    expect(told(ports[0]!).at(-1)).toEqual({ type: 'showing', promptId: null });
  });

  it('a prompt that arrived meanwhile is shown, in the toolbar popup too', async () => {
    waiting = [];
    await openPopup(false, { meanwhile: () => (waiting = [P2]) });
    expect(shown()).toBe(P2.promptId);
  });

  it('nothing waiting, then still nothing: the home is rendered once', async () => {
    waiting = [];
    const homes: Node[] = [];
    new MutationObserver((records) => {
      for (const r of records)
        homes.push(...[...r.addedNodes].filter((n) => (n as Element).matches?.('header.brand')));
    }).observe(document.getElementById('app')!, { childList: true });
    await openPopup(false, {});
    expect(document.body.dataset.mode).toBe('home');
    expect(asked()).toBe(2);
    expect(homes).toHaveLength(1);
  });

  it('an early ask the worker failed (Chrome’s polyfill replies with an error object) is asked again', async () => {
    failNextLook = true;
    await openPopup(true, {});
    expect(shown()).toBe(P1.promptId);
    expect(asked()).toBe(2);
    // The error object was never taken for a prompt (one with no id, said to the worker).
    const said = told(ports[0]!).filter((m) => (m as { type?: string }).type === 'showing');
    expect(said.map((m) => (m as { promptId?: unknown }).promptId)).not.toContain(undefined);
  });

  it('a failed early ask is asked again', async () => {
    await openPopup(true, 'failed');
    expect(shown()).toBe(P1.promptId);
    expect(asked()).toBe(1);
  });
});

describe('the popup and its port', () => {
  it('tells the worker which prompt it shows', async () => {
    await openPopup(true);
    expect(ports).toHaveLength(1);
    expect(shown()).toBe(P1.promptId);
    expect(told(ports[0]!).at(-1)).toEqual({ type: 'showing', promptId: P1.promptId });
  });

  it('after a worker restart it reconnects, says again which prompt is on screen, and keeps it armed', async () => {
    await openPopup(true);
    await vi.advanceTimersByTimeAsync(ARMING_DELAY_MS);
    const section = document.querySelector('section.prompt');
    ports[0]!.disconnect();
    await vi.advanceTimersByTimeAsync(50);
    expect(ports).toHaveLength(2);
    // Never "nothing shown" in between: the worker would take a close then for no cancel.
    expect(new Set(told(ports[1]!).map((m) => JSON.stringify(m)))).toEqual(
      new Set([JSON.stringify({ type: 'showing', promptId: P1.promptId })]),
    );
    expect(document.querySelector('section.prompt')).toBe(section);
    expect(approve()?.disabled).toBe(false);
  });

  it('a refresh with the same prompt keeps it as it is (armed stays armed)', async () => {
    await openPopup(true);
    await vi.advanceTimersByTimeAsync(ARMING_DELAY_MS);
    expect(approve()?.disabled).toBe(false);
    const section = document.querySelector('section.prompt');
    waiting = [P1, P2];
    ports[0]!.postMessage({ type: 'refresh' });
    await settle();
    expect(document.querySelector('section.prompt')).toBe(section);
    expect(approve()?.disabled).toBe(false);
    expect(document.querySelector('.queued')?.textContent).toBe('1 more request waiting');
  });

  it('a prompt that replaces the one on screen arms only after the longer delay', async () => {
    await openPopup(true);
    await vi.advanceTimersByTimeAsync(ARMING_DELAY_MS);
    waiting = [promptView({ promptId: P2.promptId })];
    ports[0]!.postMessage({ type: 'refresh' });
    await settle();
    expect(shown()).toBe(P2.promptId);
    expect(told(ports[0]!).at(-1)).toEqual({ type: 'showing', promptId: P2.promptId });
    await vi.advanceTimersByTimeAsync(ARMING_DELAY_MS);
    expect(approve()?.disabled).toBe(true);
    await vi.advanceTimersByTimeAsync(REPLACED_ARMING_DELAY_MS - ARMING_DELAY_MS);
    expect(approve()?.disabled).toBe(false);
  });

  it('the prompt window, once nothing waits, empties itself and leaves closing to the worker', async () => {
    await openPopup(true);
    await vi.advanceTimersByTimeAsync(ARMING_DELAY_MS);
    approve()!.click();
    await settle();
    expect(told(ports[0]!).at(-1)).toEqual({ type: 'showing', promptId: null });
    expect(document.getElementById('app')?.children).toHaveLength(0);
    expect(closed).toBe(0);
  });

  it('the prompt window whose prompt leaves the queue before its answer returns does not close itself at once', async () => {
    await openPopup(true);
    await vi.advanceTimersByTimeAsync(ARMING_DELAY_MS);
    // The worker took the prompt off the queue (its ceremony runs on) and says so first.
    waiting = [];
    ports[0]!.postMessage({ type: 'refresh' });
    await settle();
    expect(document.getElementById('app')?.children).toHaveLength(0);
    expect(closed).toBe(0);
    // The worker closes the window once the page has its answer; should it not, the window goes.
    await vi.advanceTimersByTimeAsync(1_499);
    expect(closed).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(closed).toBe(1);
  });

  it('a prompt that comes to the emptied window keeps it open', async () => {
    await openPopup(true);
    waiting = [];
    ports[0]!.postMessage({ type: 'refresh' });
    await settle();
    waiting = [P2];
    ports[0]!.postMessage({ type: 'refresh' });
    await settle();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(shown()).toBe(P2.promptId);
    expect(closed).toBe(0);
  });

  it('sends the answer on its port, not as a runtime message', async () => {
    await openPopup(true);
    await vi.advanceTimersByTimeAsync(ARMING_DELAY_MS);
    approve()!.click();
    await settle();
    expect(told(ports[0]!)).toContainEqual({
      type: 'answer',
      callId: expect.any(Number),
      request: { promptId: P1.promptId, decision: expect.objectContaining({ type: 'approve' }) },
    });
    expect(runtimeMessages.map((m) => m.name)).not.toContain('prompt/answer');
    expect(waiting).toEqual([]);
  });

  it('an answer travelling takes no second one, and greys the buttons only if it takes a while', async () => {
    waiting = [P1, promptView({ promptId: P2.promptId })];
    await openPopup(true);
    await vi.advanceTimersByTimeAsync(ARMING_DELAY_MS);
    silentPort = true;
    approve()!.click();
    // A repaint at the click competed with the worker's answer to the page: none until it is slow.
    expect(approve()!.disabled).toBe(false);
    approve()!.click();
    await settle();
    expect(told(ports[0]!).filter((m) => (m as { type?: string }).type === 'answer')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(BUSY_SHOWN_AFTER_MS);
    expect(approve()!.disabled).toBe(true);
  });

  it('an answer the stopped worker never replied to is asked again as a runtime message', async () => {
    waiting = [P1, promptView({ promptId: P2.promptId })];
    await openPopup(true);
    await vi.advanceTimersByTimeAsync(ARMING_DELAY_MS);
    silentPort = true;
    approve()!.click();
    await settle();
    expect(waiting).toHaveLength(2);
    ports[0]!.disconnect();
    await settle();
    expect(runtimeMessages.map((m) => m.name)).toContain('prompt/answer');
    expect(waiting.map((p) => p.promptId)).toEqual([P2.promptId]);
  });

  it('an answer whose port is gone before its disconnect is heard goes as a runtime message', async () => {
    const connect = vi.spyOn(fake.browser.runtime, 'connect');
    await openPopup(true);
    await vi.advanceTimersByTimeAsync(ARMING_DELAY_MS);
    // The popup's end of its port: the worker went, and posting on it throws.
    (connect.mock.results[0]!.value as FakePort).connected = false;
    approve()!.click();
    await settle();
    expect(runtimeMessages.map((m) => m.name)).toContain('prompt/answer');
    expect(waiting).toEqual([]);
  });

  it('the toolbar popup, once nothing waits, says it is closing and closes', async () => {
    await openPopup(false);
    await vi.advanceTimersByTimeAsync(ARMING_DELAY_MS);
    approve()!.click();
    await settle();
    expect(told(ports[0]!).at(-1)).toEqual({ type: 'closing' });
    expect(closed).toBe(1);
  });

  it('after one answer the next prompt is shown, and said', async () => {
    waiting = [P1, promptView({ promptId: P2.promptId })];
    await openPopup(true);
    await vi.advanceTimersByTimeAsync(ARMING_DELAY_MS);
    approve()!.click();
    await settle();
    expect(shown()).toBe(P2.promptId);
    expect(told(ports[0]!).at(-1)).toEqual({ type: 'showing', promptId: P2.promptId });
  });
});
