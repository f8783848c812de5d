/**
 * With a store that can stage, makeCredential stores the new credential while the user decides, so
 * Approve needs no disk write before the page hears back. Nothing staged becomes a credential without
 * the user's presence; a refusal forgets it; a staged credential the store cannot keep is added.
 */
import { describe, expect, it } from 'vitest';
import { toBase64url } from '../shared/bytes.ts';
import { AuthenticatorError } from './errors.ts';
import { makeCredential } from './make-credential.ts';
import type { MakeCredentialApproval, NewCredential, UserGate } from './ports.ts';
import { creationParams, fakePorts, MemoryStore, whileDeciding } from './testing/fakes.ts';
import type { MakeCredentialParams } from './types.ts';

class StagingStore extends MemoryStore {
  readonly staged = new Map<string, NewCredential>();
  adds = 0;
  commits = 0;
  /** What commitStaged answers (false: the vault key changed since). */
  keepable = true;

  override add(credential: NewCredential) {
    this.adds++;
    return super.add(credential);
  }
  async stage(credential: NewCredential) {
    this.staged.set(toBase64url(credential.credentialId), credential);
    return true;
  }
  async commitStaged(credentialId: Uint8Array) {
    const id = toBase64url(credentialId);
    const staged = this.staged.get(id);
    this.staged.delete(id);
    if (!staged || !this.keepable) return false;
    this.commits++;
    await super.add(staged);
    return true;
  }
  discardStaged(credentialId: Uint8Array) {
    this.staged.delete(toBase64url(credentialId));
  }
}

const params = (extra: Partial<MakeCredentialParams> = {}): MakeCredentialParams =>
  creationParams({ clientDataHash: new Uint8Array(32).fill(3), ...extra });

/** A gate answered by the test once the store was looked at while the "user" decides. */
function heldGate() {
  let answer: (approval: MakeCredentialApproval) => void = () => undefined;
  let refuse: () => void = () => undefined;
  let asked: () => void = () => undefined;
  const prompted = new Promise<void>((resolve) => {
    asked = resolve;
  });
  const gate: UserGate = {
    approveMakeCredential() {
      asked();
      return new Promise((resolve, reject) => {
        answer = resolve;
        refuse = () => reject(new AuthenticatorError('CTAP2_ERR_OPERATION_DENIED', 'cancelled'));
      });
    },
    async approveGetAssertion() {
      throw new Error('not used');
    },
  };
  return { gate, prompted, approve: (a: MakeCredentialApproval) => answer(a), cancel: () => refuse() };
}

async function deciding(store: StagingStore) {
  const held = heldGate();
  const pending = makeCredential(params(), fakePorts({ store, gate: held.gate }));
  await held.prompted;
  await whileDeciding(() => store.staged.size > 0);
  return { ...held, pending };
}

describe('a new credential staged while the user decides', () => {
  it('is staged before the approval and kept by it, without an add; the response verifies', async () => {
    const store = new StagingStore();
    const { approve, pending } = await deciding(store);
    expect(store.staged.size).toBe(1);
    expect(store.records.size).toBe(0);
    approve({ userPresent: true, userVerified: false });
    const made = await pending;
    expect([store.commits, store.adds, store.records.size]).toEqual([1, 0, 1]);
    expect(store.records.has(toBase64url(made.credentialId))).toBe(true);
    // The response names the key that was staged: its COSE key ends the attested credential data.
    const kept = store.records.get(toBase64url(made.credentialId))!;
    const tail = made.authenticatorData.slice(made.authenticatorData.length - kept.publicKeyCose.length);
    expect(tail).toEqual(kept.publicKeyCose);
  });

  it('is forgotten when the user refuses, and nothing becomes a credential', async () => {
    const store = new StagingStore();
    const { cancel, pending } = await deciding(store);
    cancel();
    await expect(pending).rejects.toMatchObject({ code: 'CTAP2_ERR_OPERATION_DENIED' });
    await Promise.resolve();
    expect(store.staged.size).toBe(0);
    expect(store.records.size).toBe(0);
  });

  it('is forgotten without the user present, whatever the gate said', async () => {
    const store = new StagingStore();
    const { approve, pending } = await deciding(store);
    approve({ userPresent: false, userVerified: false });
    await expect(pending).rejects.toMatchObject({ code: 'CTAP2_ERR_OPERATION_DENIED' });
    await Promise.resolve();
    expect([store.staged.size, store.records.size]).toEqual([0, 0]);
  });

  it('is added the usual way when the store cannot keep it (the vault key changed meanwhile)', async () => {
    const store = new StagingStore();
    store.keepable = false;
    const { approve, pending } = await deciding(store);
    approve({ userPresent: true, userVerified: false });
    const made = await pending;
    expect([store.commits, store.adds]).toEqual([0, 1]);
    expect(store.records.has(toBase64url(made.credentialId))).toBe(true);
  });

  it('is never made for an excluded request, which the approval only acknowledges', async () => {
    const store = new StagingStore();
    const first = await makeCredential(params(), fakePorts({ store }));
    const held = heldGate();
    const pending = makeCredential(
      params({ excludeList: [first.credentialId] }),
      fakePorts({ store, gate: held.gate }),
    );
    await held.prompted;
    await whileDeciding();
    expect(store.staged.size).toBe(0);
    held.approve({ userPresent: true, userVerified: false });
    await expect(pending).rejects.toMatchObject({ code: 'CTAP2_ERR_CREDENTIAL_EXCLUDED' });
    expect(store.records.size).toBe(1);
  });
});
