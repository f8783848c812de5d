/**
 * The prompt gate (gate.ts) on its own, over the real prompt queue on the fake browser: what the
 * prompt shows comes from the request's caller, each way a prompt ends is the authenticator error it
 * should be, and an already-ended request never shows a prompt.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fake } from '../../../test/fakes/browser-global.ts';
import { until } from '../../../test/fakes/until.ts';
import type { CallerContext } from '../../client/types.ts';
import { type GateContext, promptGate } from './gate.ts';
import { answerPrompt, flushed, listPrompts, type PromptAnswer } from './prompts.ts';

const caller: CallerContext = {
  origin: 'https://frame.example',
  sameOriginWithAncestors: false,
  topOrigin: 'https://shop.example',
};
let n = 0;
let controller: AbortController;
let context: GateContext;

beforeEach(() => {
  fake.reset();
  controller = new AbortController();
  context = {
    requestId: `request-${n++}`,
    caller,
    deadline: Date.now() + 60_000,
    signal: controller.signal,
    tabId: 7,
    windowId: 1,
    options: { hints: ['security-key', 'telepathy', 'hybrid'] },
  };
});
afterEach(async () => {
  controller.abort('abort');
  await flushed();
});

const create = () =>
  promptGate(context).approveMakeCredential({
    rp: { id: 'example.com', name: 'Example' },
    user: { name: 'alice', displayName: 'Alice' },
    uv: 'preferred',
    excluded: false,
  });
const waiting = () => until(async () => (await listPrompts())[0], 'the prompt');

describe('the prompt gate', () => {
  it('queues a prompt that shows the caller, its top-level site and the known hints, and says so on the badge', async () => {
    const approval = create();
    expect(await waiting()).toMatchObject({
      promptId: context.requestId,
      kind: 'create',
      origin: 'https://frame.example',
      topOrigin: 'https://shop.example',
      rpId: 'example.com',
      user: { name: 'alice', displayName: 'Alice' },
      hints: ['security-key', 'hybrid'],
      uv: 'preferred',
    });
    await until(() => fake.badge.text === '1', 'the badge');
    await answerPrompt(context.requestId, { type: 'approve', userVerified: false });
    expect(await approval).toEqual({ userPresent: true, userVerified: false });
    expect(await listPrompts()).toEqual([]);
  });

  it.each<[PromptAnswer, string]>([
    [{ type: 'cancel' }, 'CTAP2_ERR_OPERATION_DENIED'],
    [{ type: 'fallback' }, 'USER_CHOSE_PLATFORM'],
    [{ type: 'timeout' }, 'CTAP2_ERR_USER_ACTION_TIMEOUT'],
    [{ type: 'abort' }, 'CTAP2_ERR_KEEPALIVE_CANCEL'],
  ])('an answer of %o ends it with %s', async (answer, code) => {
    const approval = create();
    await waiting();
    await answerPrompt(context.requestId, answer);
    await expect(approval).rejects.toMatchObject({ code });
  });

  it.each([
    ['abort', 'CTAP2_ERR_KEEPALIVE_CANCEL'],
    ['timeout', 'CTAP2_ERR_USER_ACTION_TIMEOUT'],
  ])('the signal ending with %s takes the prompt away and ends it with %s', async (reason, code) => {
    const approval = create();
    await waiting();
    controller.abort(reason);
    await expect(approval).rejects.toMatchObject({ code });
    expect(await listPrompts()).toEqual([]);
  });

  it('a request already ended shows no prompt and opens no window', async () => {
    controller.abort('timeout');
    await expect(create()).rejects.toMatchObject({ code: 'CTAP2_ERR_USER_ACTION_TIMEOUT' });
    expect(await listPrompts()).toEqual([]);
    expect(fake.calls.filter((c) => c.api === 'windows.create')).toEqual([]);
  });

  it('a sign-in takes the account chosen, as bytes', async () => {
    const approval = promptGate(context).approveGetAssertion({
      rpId: 'example.com',
      candidates: [],
      uv: 'preferred',
    });
    await waiting();
    await answerPrompt(context.requestId, { type: 'approve', credentialId: 'AQID', userVerified: true });
    expect(await approval).toEqual({
      credentialId: Uint8Array.of(1, 2, 3),
      userPresent: true,
      userVerified: true,
    });
  });
});
