/**
 * The prompt's answer path in the worker (prompt-api.ts): when the PIN is asked (WebAuthn L3 §5.8.6
 * user verification, or a locked vault), what a wrong one says, and which account a sign-in may use.
 * Through the real worker on the fake browser; credentials are checked by @simplewebauthn/server.
 */

import { verifyAuthenticationResponse, verifyRegistrationResponse } from '@simplewebauthn/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PAGE_SENDER } from '../../../test/fakes/door.ts';
import {
  connectRelay,
  currentPrompt,
  fake,
  freshProfile,
  promptShown,
  startWorker,
} from '../../../test/fakes/worker.ts';
import { TOP_LEVEL_FRAME } from '../../client/testing/frame-facts.ts';
import { send } from '../../messages/client.ts';
import type { PromptDecision } from '../../messages/protocol.ts';

vi.setConfig({ testTimeout: 30_000 });

const CHALLENGE = 'Y2hhbGxlbmdlLWNoYWxsZW5nZS1jaGFsbGVuZ2U';
let n = 0;
const nextId = () => `123e4567-e89b-42d3-a456-4266141740${String(n++).padStart(2, '0')}`;

type Uv = 'required' | 'preferred' | 'discouraged';
const createOptions = (uv: Uv) => ({
  rp: { id: 'example.com', name: 'Example' },
  user: { id: 'dXNlci0x', name: 'alice@example.com', displayName: 'Alice' },
  challenge: CHALLENGE,
  pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
  authenticatorSelection: { userVerification: uv, residentKey: 'required' },
  timeout: 60_000,
});
const getOptions = (uv: Uv) => ({ challenge: CHALLENGE, rpId: 'example.com', userVerification: uv });

type Verifiable = Parameters<typeof verifyRegistrationResponse>[0]['response'];

/** Starts a request from the page and waits for its prompt. */
async function ask(kind: 'create' | 'get', options: object) {
  const requestId = nextId();
  const relay = connectRelay(fake);
  relay.say({ type: 'begin', requestId, kind, options, frame: TOP_LEVEL_FRAME });
  const prompt = await promptShown(requestId);
  const decide = (decision: PromptDecision) => send('prompt/answer', { promptId: requestId, decision });
  return { relay, prompt, decide };
}

/** A registration as a relying party's verifier reads it. */
async function verifiedRegistration(outcome: Record<string, unknown>) {
  const verified = await verifyRegistrationResponse({
    // simplewebauthn types prf results as BufferSource; the JSON form has base64url strings.
    response: outcome.credential as Verifiable,
    expectedChallenge: CHALLENGE,
    expectedOrigin: PAGE_SENDER.origin!,
    expectedRPID: 'example.com',
    requireUserVerification: false,
  });
  expect(verified.verified).toBe(true);
  return verified.registrationInfo!;
}

const registeredWithUv = async (outcome: Record<string, unknown>) =>
  (await verifiedRegistration(outcome)).userVerified;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
  freshProfile(fake);
  await startWorker();
});
afterEach(() => {
  vi.clearAllTimers();
  vi.useRealTimers();
});

describe('the PIN in the prompt', () => {
  it('UV required and no PIN yet: the prompt offers to set one, and the credential is user-verified', async () => {
    const { relay, prompt, decide } = await ask('create', createOptions('required'));
    expect(prompt).toMatchObject({ needsPin: true, offerPinSetup: true });
    expect(await decide({ type: 'approve' })).toEqual({ ok: false, error: 'Enter your PIN.' });
    expect(await decide({ type: 'approve', pin: '12' })).toMatchObject({ ok: false });
    expect((await send('settings/get', {})).pinSet).toBe(false);
    expect(await decide({ type: 'approve', pin: '1234' })).toEqual({ ok: true, remaining: 0 });
    expect(await registeredWithUv(await relay.outcome())).toBe(true);
    expect((await send('settings/get', {})).pinSet).toBe(true);
  });

  it('a wrong PIN is refused with the attempts left, the prompt waits, and the right one approves', async () => {
    expect(await send('settings/set-pin', { newPin: '1234' })).toEqual({ ok: true });
    const { relay, prompt, decide } = await ask('create', createOptions('preferred'));
    expect(prompt).toMatchObject({ needsPin: true, offerPinSetup: false, pinRetries: 8 });
    expect(await decide({ type: 'approve', pin: '0000' })).toEqual({
      ok: false,
      error: 'Wrong PIN; 7 attempts left.',
      retriesLeft: 7,
    });
    // Still waiting, with the count it now has: one count, the true one.
    expect(await currentPrompt()).toMatchObject({ promptId: prompt.promptId, pinRetries: 7 });
    expect(relay.answers).toEqual([]);
    expect(await decide({ type: 'approve', pin: '1234' })).toEqual({ ok: true, remaining: 0 });
    expect(await registeredWithUv(await relay.outcome())).toBe(true);
    expect((await send('settings/get', {})).pinRetries).toBe(8);
  });

  it('UV discouraged and unlocked: no PIN, and the credential says the user was not verified', async () => {
    expect(await send('settings/set-pin', { newPin: '1234' })).toEqual({ ok: true });
    const { relay, prompt, decide } = await ask('create', createOptions('discouraged'));
    expect(prompt).toMatchObject({ needsPin: false });
    expect(await decide({ type: 'approve', pin: '0000' })).toEqual({ ok: true, remaining: 0 });
    expect(await registeredWithUv(await relay.outcome())).toBe(false);
    // A PIN sent where none was asked is not tried: no attempt was counted.
    expect((await send('settings/get', {})).pinRetries).toBe(8);
  });

  it('a locked vault asks for the PIN whatever the site wants, since it cannot sign otherwise', async () => {
    expect(await send('settings/set-pin', { newPin: '1234' })).toEqual({ ok: true });
    expect((await send('vault/lock', {})).locked).toBe(true);
    const { relay, prompt, decide } = await ask('create', createOptions('discouraged'));
    expect(prompt).toMatchObject({ needsPin: true, offerPinSetup: false });
    expect(await decide({ type: 'approve' })).toEqual({ ok: false, error: 'Enter your PIN.' });
    expect(await decide({ type: 'approve', pin: '1234' })).toEqual({ ok: true, remaining: 0 });
    expect(await relay.outcome()).toMatchObject({ type: 'result', kind: 'create' });
    expect((await send('settings/get', {})).locked).toBe(false);
  });
});

describe('the account chooser’s answer', () => {
  async function register() {
    const { relay, decide } = await ask('create', createOptions('discouraged'));
    await decide({ type: 'approve' });
    return (await verifiedRegistration(await relay.outcome())).credential;
  }

  it('a sign-in needs an account chosen, and signs with the one chosen', async () => {
    const { id, publicKey } = await register();
    const { relay, prompt, decide } = await ask('get', getOptions('discouraged'));
    expect(prompt.candidates.map((c) => c.id)).toEqual([id]);
    expect(await decide({ type: 'approve' })).toEqual({ ok: false, error: 'Choose an account first.' });
    expect(await decide({ type: 'approve', credentialId: id })).toEqual({ ok: true, remaining: 0 });
    const outcome = await relay.outcome();
    expect(outcome).toMatchObject({ type: 'result', kind: 'get', credential: { id } });
    const stored = (await send('credentials/list', { limit: 100 })).passkeys.find((c) => c.id === id)!;
    expect(stored.signCount).toBeGreaterThan(0);
    const verified = await verifyAuthenticationResponse({
      response: outcome.credential as Parameters<typeof verifyAuthenticationResponse>[0]['response'],
      expectedChallenge: CHALLENGE,
      expectedOrigin: PAGE_SENDER.origin!,
      expectedRPID: 'example.com',
      credential: { id, publicKey, counter: 0 },
      requireUserVerification: false,
    });
    expect(verified.verified).toBe(true);
  });

  it('an account that was not offered cannot be chosen: the page gets NotAllowedError, nothing is signed', async () => {
    const { id } = await register();
    const { relay, decide } = await ask('get', getOptions('discouraged'));
    const other = 'AAECAwQFBgcICQoLDA0ODw';
    expect(await decide({ type: 'approve', credentialId: other })).toEqual({ ok: true, remaining: 0 });
    expect(await relay.outcome()).toMatchObject({ type: 'error', name: 'NotAllowedError' });
    expect(
      (await send('credentials/list', { limit: 100 })).passkeys.find((c) => c.id === id)?.signCount,
    ).toBe(0);
  });
});
