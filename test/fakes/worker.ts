/**
 * The real service worker (src/background/service-worker.ts, all of its wiring) on the fake browser
 * and fake-indexeddb, and the two kinds of callers it has: a page's relay on a runtime Port, and our
 * popup (runtime messages and its own Port). Tests talk to the worker only through these, as Chrome
 * would deliver them.
 */
// First: the fake browser must be in place before any module that imports webextension-polyfill.
import { fake } from './browser-global.ts';

export { fake };

import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { vi } from 'vitest';
import { send } from '../../src/messages/client.ts';
import type { PromptView } from '../../src/messages/views.ts';
import { PAGE_SENDER } from './door.ts';
import { until } from './until.ts';

export { until };

import {
  EXTENSION_ORIGIN,
  type FakeBrowser,
  type FakePort,
  type PortSender,
  portPair,
} from './fake-browser.ts';

export type PromptsModule = typeof import('../../src/background/ceremony/prompts.ts');

/** One life of the worker: its modules, loaded afresh. */
export interface WorkerLife {
  prompts: PromptsModule;
}

/** A new profile: no storage, no database, no windows. */
export function freshProfile(fake: FakeBrowser): void {
  fake.reset();
  globalThis.indexedDB = new IDBFactory();
}

/** Starts the worker as Chrome does after it was stopped: every module loaded anew. */
export async function startWorker(): Promise<WorkerLife> {
  vi.resetModules();
  await import('../../src/background/service-worker.ts');
  return { prompts: await import('../../src/background/ceremony/prompts.ts') };
}

export interface Relay {
  port: FakePort;
  /** What the worker sent the relay. */
  answers: unknown[];
  say(message: unknown): void;
  /** The page's document goes away. */
  close(): void;
  /** The first answer that ends the request (not an autofill offer). */
  outcome(): Promise<Record<string, unknown>>;
}

/** A page's relay connects on the ceremony port, with the sender Chrome stamps on it. */
export function connectRelay(fake: FakeBrowser, sender: PortSender = PAGE_SENDER): Relay {
  const { a, b } = portPair('tapkey/ceremony-v1', structuredClone(sender));
  const answers: unknown[] = [];
  a.onMessage.addListener((m) => {
    answers.push(m);
    // In the browser's order of events, for tests that compare it with the worker's window calls.
    fake.calls.push({ api: 'relay.answer', args: [m] });
    // As the real relay does once it has passed the answer on to the page (relay-request.ts finish).
    const type = (m as { type?: string }).type;
    if (type === 'result' || type === 'error' || type === 'fallback') queueMicrotask(() => a.disconnect());
  });
  fake.browser.runtime.onConnect.fire(b);
  return {
    port: a,
    answers,
    say: (m) => {
      // A relay that has its answer has let go of the port, and posts nothing more.
      if (a.connected) a.postMessage(m);
    },
    close: () => a.disconnect(),
    outcome: () =>
      until(
        () => answers.find((m) => (m as { type?: string }).type !== 'offer') as Record<string, unknown>,
        'the page’s answer',
      ),
  };
}

/** The prompt the popup would show now (null: none). */
export const currentPrompt = () => send('prompt/current', {});

/** Waits until the popup would show a prompt (optionally this one). */
export function promptShown(promptId?: string): Promise<PromptView> {
  return until(async () => {
    const p = await currentPrompt();
    return p && (promptId === undefined || p.promptId === promptId) ? p : undefined;
  }, 'a prompt');
}

/** The prompt window's page, or the toolbar popup, connected on the popup port. */
export function connectPopup(fake: FakeBrowser, at: { windowId?: number; promptWindow: boolean }): FakePort {
  const url = `${EXTENSION_ORIGIN}/popup/popup.html${at.promptWindow ? '?window=1' : ''}`;
  const sender: PortSender = { id: fake.browser.runtime.id, url };
  if (at.windowId !== undefined) sender.tab = { windowId: at.windowId };
  const { a, b } = portPair('tapkey/popup-v1', sender);
  fake.browser.runtime.onConnect.fire(b);
  return a;
}

/** The window the worker opened for the prompt (the last windows.create). */
export function promptWindowId(fake: FakeBrowser): Promise<number> {
  return until(() => {
    const created = [...fake.windows.values()].filter((w) => w.url?.includes('window=1'));
    return created.at(-1)?.id;
  }, 'the prompt window');
}
