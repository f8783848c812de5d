/**
 * The worker as the popup meets it, scripted: runtime messages (`send`) are recorded and answered by
 * the test. For popup tests that need not run the real worker.
 */
import type { PromptView } from '../../src/messages/views.ts';
import type { FakeBrowser } from './fake-browser.ts';

export interface Received {
  name: string;
  payload: Record<string, unknown>;
}

/** Answers each runtime message with `reply(name, payload)`; returns what was received, in order. */
export function scriptedWorker(
  fake: FakeBrowser,
  reply: (name: string, payload: Record<string, unknown>) => unknown,
): Received[] {
  const received: Received[] = [];
  fake.browser.runtime.onMessage.addListener((message) => {
    const m = message as Received;
    received.push(m);
    return Promise.resolve(reply(m.name, m.payload));
  });
  return received;
}

/** A sign-in prompt for example.com with two accounts, alice first; `extra` changes any of it. */
export function promptView(extra: Partial<PromptView> = {}): PromptView {
  const account = (id: string, userName: string) => ({
    id,
    hidden: false,
    rpId: 'example.com',
    rpName: 'Example',
    userName,
    userDisplayName: userName,
    discoverable: true,
    alg: -7 as const,
    signCount: 0,
    createdAt: 0,
    lastUsedAt: null,
  });
  return {
    promptId: '123e4567-e89b-42d3-a456-426614174000',
    kind: 'get',
    origin: 'https://example.com',
    rpId: 'example.com',
    candidates: [account('QUxJQ0U', 'alice'), account('Qk9C', 'bob')],
    excluded: false,
    deadline: Number.MAX_SAFE_INTEGER,
    needsPin: false,
    offerPinSetup: false,
    pinRetries: 8,
    queued: 0,
    ...extra,
  };
}
