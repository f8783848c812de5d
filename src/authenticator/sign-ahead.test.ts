/**
 * A sign-in's response is signed while the user looks at the prompt, so Approve costs no unsealing and
 * no signature. It may go only as the approval would have made it: the credential chosen, the UV flag
 * the approval carries, a counter value no later signature has passed, and nothing recorded for a
 * prompt that was refused.
 */
import { p256 } from '@noble/curves/nist.js';
import { describe, expect, it } from 'vitest';
import { concat, toBase64url, utf8 } from '../shared/bytes.ts';
import { AuthenticatorError } from './errors.ts';
import { getAssertion } from './get-assertion.ts';
import { makeCredential } from './make-credential.ts';
import type { GetAssertionApproval, SigningExtras, SigningKey, UserGate } from './ports.ts';
import { creationParams, fakePorts, MemoryStore, signingKeyOf, whileDeciding } from './testing/fakes.ts';
import type { GetAssertionParams, UvRequirement } from './types.ts';

/** A MemoryStore that can hold a counter value for a signature made ahead, as IdbCredentialStore can. */
class HoldingStore extends MemoryStore {
  holds = 0;
  uses = 0;
  /** The last counter value handed out, by credential: a held one is good while it is the latest. */
  private readonly latest = new Map<string, number>();

  override async useForSigning(...args: Parameters<MemoryStore['useForSigning']>): Promise<SigningKey> {
    this.uses++;
    const key = await super.useForSigning(...args);
    this.latest.set(toBase64url(args[1]), key.signCount);
    return key;
  }

  async holdForSigning(rpId: string, credentialId: Uint8Array, extras: SigningExtras = {}) {
    if (extras.largeBlob && 'write' in extras.largeBlob) return undefined;
    this.holds++;
    const id = toBase64url(credentialId);
    const record = this.records.get(id);
    if (!record || record.rpId !== rpId) return undefined;
    // Spent now, approved or not; nothing else (lastUsedAt) moves until the use is recorded.
    record.signCount += 1;
    this.latest.set(id, record.signCount);
    return signingKeyOf(record, extras);
  }

  useHeld(_rpId: string, credentialId: Uint8Array, signCount: number, now: number): boolean {
    const id = toBase64url(credentialId);
    if (this.latest.get(id) !== signCount) return false;
    this.records.get(id)!.lastUsedAt = now;
    return true;
  }
}

const clientDataHash = new Uint8Array(32).fill(7);
const UV_FLAG = 0x04;

/** A gate the test answers by hand, so the store can be changed while the "user" decides. */
function manualGate(willVerify: boolean | undefined) {
  let answer: (approval: GetAssertionApproval) => void = () => undefined;
  let refuse: () => void = () => undefined;
  let asked: (candidates: number) => void = () => undefined;
  const prompted = new Promise<number>((resolve) => {
    asked = resolve;
  });
  const gate: UserGate = {
    async approveMakeCredential() {
      return { userPresent: true, userVerified: false };
    },
    approveGetAssertion(request) {
      asked(request.candidates.length);
      return new Promise<GetAssertionApproval>((resolve, reject) => {
        answer = resolve;
        refuse = () => reject(new AuthenticatorError('CTAP2_ERR_OPERATION_DENIED', 'cancelled'));
      });
    },
  };
  if (willVerify !== undefined) gate.willVerify = async () => willVerify;
  return { gate, prompted, approve: (a: GetAssertionApproval) => answer(a), cancel: () => refuse() };
}

async function setUp(options: { willVerify?: boolean; accounts?: number } = {}) {
  const store = new HoldingStore();
  const made: Awaited<ReturnType<typeof makeCredential>>[] = [];
  for (let i = 0; i < (options.accounts ?? 1); i++) {
    made.push(
      await makeCredential(
        creationParams({
          clientDataHash,
          user: { id: utf8(`user-${i}`), name: `user${i}`, displayName: `User ${i}` },
        }),
        fakePorts({ store }),
      ),
    );
  }
  const manual = manualGate('willVerify' in options ? options.willVerify : false);
  const ports = fakePorts({ store, gate: manual.gate, clock: { now: () => 1_800_000_000_000 } });
  const params = (
    uv: UvRequirement = 'preferred',
    extra: Partial<GetAssertionParams> = {},
  ): GetAssertionParams => ({
    rpId: 'example.com',
    clientDataHash,
    allowList: made.map((m) => m.credentialId),
    uv,
    ...extra,
  });
  /** Lets the signature ahead finish (or not start) before the user answers. */
  const decided = async () => {
    await manual.prompted;
    await whileDeciding(() => store.holds > 0);
  };
  const record = (i = 0) => store.records.get(toBase64url(made[i]!.credentialId))!;
  return { store, made, ports, params, decided, record, ...manual };
}

function verifies(
  result: { authenticatorData: Uint8Array; signature: Uint8Array },
  spki: Uint8Array,
): boolean {
  const publicKey = spki.subarray(spki.length - 65);
  return p256.verify(result.signature, concat(result.authenticatorData, clientDataHash), publicKey, {
    format: 'der',
  });
}

const counterOf = (authData: Uint8Array) =>
  new DataView(authData.buffer, authData.byteOffset + 33, 4).getUint32(0);

describe('a sign-in signed while the user decides', () => {
  it('is sent on approval: no signing at the approval, a valid signature, the held counter, the use recorded', async () => {
    const s = await setUp();
    const pending = getAssertion(s.params(), s.ports);
    await s.decided();
    expect(s.store.holds).toBe(1);
    s.approve({ credentialId: s.made[0]!.credentialId, userPresent: true, userVerified: false });
    const result = await pending;
    expect(s.store.uses).toBe(0);
    expect(verifies(result, s.made[0]!.publicKeySpki)).toBe(true);
    expect(counterOf(result.authenticatorData)).toBe(1);
    expect(result.authenticatorData[32]! & UV_FLAG).toBe(0);
    expect(s.record().lastUsedAt).toBe(1_800_000_000_000);
  });

  it('is not sent when the approval carries another UV flag than the one signed ahead', async () => {
    const s = await setUp({ willVerify: false });
    const pending = getAssertion(s.params(), s.ports);
    await s.decided();
    s.approve({ credentialId: s.made[0]!.credentialId, userPresent: true, userVerified: true });
    const result = await pending;
    expect(s.store.uses).toBe(1);
    expect(result.authenticatorData[32]! & UV_FLAG).toBe(UV_FLAG);
    // The held value was spent: the counter skips it, never repeats it.
    expect(counterOf(result.authenticatorData)).toBe(2);
    expect(verifies(result, s.made[0]!.publicKeySpki)).toBe(true);
  });

  it('carries UV when the gate says the prompt will verify the user', async () => {
    const s = await setUp({ willVerify: true });
    const pending = getAssertion(s.params('required'), s.ports);
    await s.decided();
    s.approve({ credentialId: s.made[0]!.credentialId, userPresent: true, userVerified: true });
    const result = await pending;
    expect(s.store.uses).toBe(0);
    expect(result.authenticatorData[32]! & UV_FLAG).toBe(UV_FLAG);
  });

  it('is not sent once another signature took a later counter value', async () => {
    const s = await setUp();
    const pending = getAssertion(s.params(), s.ports);
    await s.decided();
    // Another tab signs with the same passkey while this prompt waits (counter 2).
    await s.store.useForSigning('example.com', s.made[0]!.credentialId, 1);
    s.approve({ credentialId: s.made[0]!.credentialId, userPresent: true, userVerified: false });
    const result = await pending;
    // A response with counter 1 after the site saw 2 would look like a cloned key.
    expect(counterOf(result.authenticatorData)).toBe(3);
    expect(verifies(result, s.made[0]!.publicKeySpki)).toBe(true);
  });

  it('records no use for a refused prompt', async () => {
    const s = await setUp();
    const pending = getAssertion(s.params(), s.ports);
    await s.decided();
    s.cancel();
    await expect(pending).rejects.toMatchObject({ code: 'CTAP2_ERR_OPERATION_DENIED' });
    expect(s.record().lastUsedAt).toBeNull();
    expect(s.store.uses).toBe(0);
  });

  it('is not made when the prompt offers several passkeys, or the gate cannot say whether it verifies', async () => {
    const several = await setUp({ accounts: 2 });
    const pending = getAssertion(several.params(), several.ports);
    await several.decided();
    several.approve({ credentialId: several.made[1]!.credentialId, userPresent: true, userVerified: false });
    expect(counterOf((await pending).authenticatorData)).toBe(1);
    expect(several.store.holds).toBe(0);

    const silent = await setUp({ willVerify: undefined });
    const again = getAssertion(silent.params(), silent.ports);
    await silent.decided();
    silent.approve({ credentialId: silent.made[0]!.credentialId, userPresent: true, userVerified: false });
    await again;
    expect(silent.store.holds).toBe(0);
    expect(silent.store.uses).toBe(1);
  });

  it('is not made for a large blob to write: only an approval may change state', async () => {
    const s = await setUp();
    const pending = getAssertion(
      s.params('preferred', { largeBlob: { write: new Uint8Array([1]) } }),
      s.ports,
    );
    await s.decided();
    s.approve({ credentialId: s.made[0]!.credentialId, userPresent: true, userVerified: false });
    await pending;
    expect(s.store.holds).toBe(0);
    expect(s.store.uses).toBe(1);
  });
});
