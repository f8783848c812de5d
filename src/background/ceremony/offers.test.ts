/**
 * Passkey autofill's offers: the token alone is not enough (our own offer page, in the tab that
 * asked), only an offered credential can be chosen, and the user's choice is the gate's answer.
 */
import { describe, expect, it } from 'vitest';
import { fake } from '../../../test/fakes/browser-global.ts';
import { until } from '../../../test/fakes/until.ts';
import type { CredentialSummary } from '../../authenticator/ports.ts';
import type { WorkerToOffer } from '../../messages/protocol.ts';
import { toBase64url } from '../../shared/bytes.ts';
import { conditionalGate } from './conditional-gate.ts';
import { handleOfferPort, type OfferPort } from './offers.ts';
import { answerPrompt, listPrompts } from './prompts.ts';

const OWN_ID = 'abcdefghijklmnopabcdefghijklmnop';
const OFFER_PATH = '/offer/offer.html';
const OUR_PAGE = `chrome-extension://${OWN_ID}${OFFER_PATH}`;

function candidate(byte: number, userName: string): CredentialSummary {
  return {
    credentialId: Uint8Array.of(byte, byte, byte),
    userHandle: Uint8Array.of(byte),
    rpId: 'example.com',
    rpName: 'Example',
    userName,
    userDisplayName: userName,
    discoverable: true,
    alg: -7,
    signCount: 0,
    createdAt: 0,
    lastUsedAt: null,
  };
}

function framePort(sender: OfferPort['sender']) {
  const listeners: ((m: unknown) => void)[] = [];
  const sent: WorkerToOffer[] = [];
  let disconnected = false;
  const port: OfferPort = {
    sender,
    postMessage: (m) => sent.push(m),
    disconnect: () => {
      disconnected = true;
    },
    onMessage: { addListener: (l) => listeners.push(l) },
    onDisconnect: { addListener: () => undefined },
  };
  return {
    port,
    sent,
    disconnected: () => disconnected,
    say: (m: unknown) => {
      for (const l of listeners) l(m);
    },
  };
}

/** A conditional gate waiting for a choice; resolves with the token it announced. */
function waitingGate(tabId = 7, needsPin = false) {
  const controller = new AbortController();
  let announced: (token: string) => void = () => undefined;
  const token = new Promise<string>((resolve) => (announced = resolve));
  const gate = conditionalGate({
    requestId: 'r',
    caller: { origin: 'https://example.com', topOrigin: undefined } as never,
    deadline: Number.MAX_SAFE_INTEGER,
    signal: controller.signal,
    options: {},
    tabId,
    announce: (t) => announced(t),
    needsPin: async () => needsPin,
  });
  const alice = candidate(1, 'alice');
  const bob = candidate(2, 'bob');
  const approval = gate.approveGetAssertion({
    rpId: 'example.com',
    candidates: [alice, bob],
    uv: 'discouraged',
  });
  approval.catch(() => undefined);
  return { approval, token, controller, alice, bob };
}

describe('passkey autofill offers', () => {
  it('trades the token for the entries in the asking tab, and the choice answers the gate', async () => {
    const { approval, token, bob } = waitingGate();
    const frame = framePort({ id: OWN_ID, url: OUR_PAGE, tab: { id: 7 } });
    handleOfferPort(frame.port, OWN_ID, OFFER_PATH);
    frame.say({ type: 'hello', token: await token });
    expect(frame.sent[0]).toMatchObject({ type: 'entries', rpId: 'example.com' });
    const entries = (frame.sent[0] as Extract<WorkerToOffer, { type: 'entries' }>).entries;
    expect(entries.map((e) => e.userName)).toEqual(['alice', 'bob']);
    // No key material reaches the frame.
    expect(JSON.stringify(entries)).not.toMatch(/privateKey|prfSecrets/);
    frame.say({ type: 'choose', credentialId: toBase64url(bob.credentialId) });
    expect(await approval).toEqual({
      credentialId: bob.credentialId,
      userPresent: true,
      userVerified: false,
    });
    expect(frame.sent.at(-1)).toEqual({ type: 'closed' });
    // A choice that needs no PIN opens no prompt.
    expect(await listPrompts()).toEqual([]);
  });

  it('when the PIN is needed, the prompt asks it for the chosen account only', async () => {
    const { approval, token, bob } = waitingGate(7, true);
    const frame = framePort({ id: OWN_ID, url: OUR_PAGE, tab: { id: 7 } });
    handleOfferPort(frame.port, OWN_ID, OFFER_PATH);
    frame.say({ type: 'hello', token: await token });
    frame.say({ type: 'choose', credentialId: toBase64url(bob.credentialId) });
    const bobId = toBase64url(bob.credentialId);
    const prompts = await until(async () => {
      const all = await listPrompts();
      return all.length > 0 && all;
    }, 'the PIN prompt');
    expect(prompts.map((p) => p.candidates.map((c) => c.id))).toEqual([[bobId]]);
    expect(fake.calls.map((c) => c.api)).toContain('windows.create');
    await answerPrompt('r', { type: 'approve', credentialId: bobId, userVerified: true });
    expect(await approval).toEqual({ credentialId: bob.credentialId, userPresent: true, userVerified: true });
  });

  it('gives nothing to a frame in another tab, or to a page that is not our offer page', async () => {
    const { token, controller } = waitingGate(7);
    const otherTab = framePort({ id: OWN_ID, url: OUR_PAGE, tab: { id: 8 } });
    handleOfferPort(otherTab.port, OWN_ID, OFFER_PATH);
    otherTab.say({ type: 'hello', token: await token });
    expect(otherTab.sent).toEqual([{ type: 'closed' }]);
    expect(otherTab.disconnected()).toBe(true);

    const otherPage = framePort({
      id: OWN_ID,
      url: `chrome-extension://${OWN_ID}/popup/popup.html`,
      tab: { id: 7 },
    });
    handleOfferPort(otherPage.port, OWN_ID, OFFER_PATH);
    expect(otherPage.disconnected()).toBe(true);
    const otherExtension = framePort({ id: 'someone-else', url: OUR_PAGE, tab: { id: 7 } });
    handleOfferPort(otherExtension.port, OWN_ID, OFFER_PATH);
    expect(otherExtension.disconnected()).toBe(true);
    controller.abort('abort');
  });

  it('ignores a credential that was not offered, and an unknown token', async () => {
    const { approval, token, alice, controller } = waitingGate();
    const frame = framePort({ id: OWN_ID, url: OUR_PAGE, tab: { id: 7 } });
    handleOfferPort(frame.port, OWN_ID, OFFER_PATH);
    frame.say({ type: 'choose', credentialId: toBase64url(alice.credentialId) }); // before hello
    frame.say({ type: 'hello', token: 'A'.repeat(43) });
    expect(frame.sent).toEqual([{ type: 'closed' }]);
    const real = framePort({ id: OWN_ID, url: OUR_PAGE, tab: { id: 7 } });
    handleOfferPort(real.port, OWN_ID, OFFER_PATH);
    real.say({ type: 'hello', token: await token });
    real.say({ type: 'choose', credentialId: 'AQID' });
    let settled = false;
    void approval.then(
      () => (settled = true),
      () => undefined,
    );
    await new Promise((r) => setTimeout(r, 10));
    expect(settled).toBe(false);
    controller.abort('abort');
    await expect(approval).rejects.toMatchObject({ code: 'CTAP2_ERR_KEEPALIVE_CANCEL' });
  });

  it('offers nothing without passkeys, and ends with the page’s abort', async () => {
    const controller = new AbortController();
    let announced = false;
    const gate = conditionalGate({
      requestId: 'r',
      caller: { origin: 'https://example.com' } as never,
      deadline: Number.MAX_SAFE_INTEGER,
      signal: controller.signal,
      options: {},
      tabId: 7,
      announce: () => {
        announced = true;
      },
      needsPin: async () => false,
    });
    const approval = gate.approveGetAssertion({ rpId: 'example.com', candidates: [], uv: 'preferred' });
    approval.catch(() => undefined);
    await new Promise((r) => setTimeout(r, 10));
    expect(announced).toBe(false);
    controller.abort('abort');
    await expect(approval).rejects.toMatchObject({ code: 'CTAP2_ERR_KEEPALIVE_CANCEL' });
  });
});
