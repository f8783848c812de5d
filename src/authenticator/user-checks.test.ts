/**
 * The authenticator enforces what it advertises, whatever the gate (the UI) reports: no presence,
 * no signature and no credential; UV required and not performed, the same. Each refusal leaves the
 * store as it was: no credential added, no counter moved.
 */
import { describe, expect, it } from 'vitest';
import { getAssertion } from './get-assertion.ts';
import { makeCredential } from './make-credential.ts';
import type { GetAssertionApproval, MakeCredentialApproval } from './ports.ts';
import { approvingGate, creationParams, fakePorts, MemoryStore } from './testing/fakes.ts';
import type { MakeCredentialParams, UvRequirement } from './types.ts';

/** A MemoryStore that counts the calls that add a credential or move a counter. */
class WatchedStore extends MemoryStore {
  adds = 0;
  signings = 0;
  override add(...args: Parameters<MemoryStore['add']>) {
    this.adds++;
    return super.add(...args);
  }
  override useForSigning(...args: Parameters<MemoryStore['useForSigning']>) {
    this.signings++;
    return super.useForSigning(...args);
  }
}

const UP = 0x01;
const UV = 0x04;
const clientDataHash = new Uint8Array(32).fill(1);

const createParams = (uv: UvRequirement, excludeList: Uint8Array[] = []): MakeCredentialParams =>
  creationParams({ clientDataHash, excludeList, uv });

/** Ports whose gate answers `create` and `get` approvals as given; one credential already stored. */
async function withCredential(approval: MakeCredentialApproval) {
  const store = new WatchedStore();
  const made = await makeCredential(createParams('discouraged'), fakePorts({ store }));
  store.adds = 0;
  const gate = approvingGate({
    create: () => approval,
    get: (request): GetAssertionApproval => ({
      credentialId: request.candidates[0]!.credentialId,
      ...approval,
    }),
  });
  const ports = fakePorts({ store, gate });
  const get = (uv: UvRequirement) =>
    getAssertion({ rpId: 'example.com', clientDataHash, allowList: [made.credentialId], uv }, ports);
  const counter = () => store.records.get([...store.records.keys()][0]!)!.signCount;
  return { store, ports, made, get, counter };
}

const present = { userPresent: true, userVerified: false };
const verified = { userPresent: true, userVerified: true };
const absent = { userPresent: false, userVerified: false };

describe('user verification "required" without UV: refused by the authenticator itself', () => {
  it('makeCredential answers CTAP2_ERR_PUAT_REQUIRED and stores nothing', async () => {
    const { store, ports } = await withCredential(present);
    await expect(makeCredential(createParams('required'), ports)).rejects.toMatchObject({
      code: 'CTAP2_ERR_PUAT_REQUIRED',
    });
    expect(store.adds).toBe(0);
    expect(store.records.size).toBe(1);
  });

  it('getAssertion answers CTAP2_ERR_PUAT_REQUIRED before the counter moves', async () => {
    const { store, get, counter } = await withCredential(present);
    await expect(get('required')).rejects.toMatchObject({ code: 'CTAP2_ERR_PUAT_REQUIRED' });
    expect(store.signings).toBe(0);
    expect(counter()).toBe(0);
  });

  it('with UV performed, both succeed with the UV flag set', async () => {
    const { ports, get } = await withCredential(verified);
    const made = await makeCredential(createParams('required'), ports);
    expect(made.authenticatorData[32]! & (UP | UV)).toBe(UP | UV);
    expect((await get('required')).authenticatorData[32]! & (UP | UV)).toBe(UP | UV);
  });

  it.each(['preferred', 'discouraged'] as const)('"%s" goes on unverified, with UV clear', async (uv) => {
    const { ports, get } = await withCredential(present);
    expect((await makeCredential(createParams(uv), ports)).authenticatorData[32]! & (UP | UV)).toBe(UP);
    expect((await get(uv)).authenticatorData[32]! & (UP | UV)).toBe(UP);
  });

  it('only a boolean true counts as verified (an answer read back from storage could be anything)', async () => {
    const { store, ports, get } = await withCredential({
      userPresent: true,
      userVerified: 'true' as unknown as boolean,
    });
    await expect(makeCredential(createParams('required'), ports)).rejects.toMatchObject({
      code: 'CTAP2_ERR_PUAT_REQUIRED',
    });
    await expect(get('required')).rejects.toMatchObject({ code: 'CTAP2_ERR_PUAT_REQUIRED' });
    expect([store.adds, store.signings]).toEqual([0, 0]);
  });
});

describe('no user presence, no signature: refused by the authenticator itself', () => {
  it('makeCredential answers CTAP2_ERR_OPERATION_DENIED and stores nothing', async () => {
    const { store, ports } = await withCredential(absent);
    await expect(makeCredential(createParams('discouraged'), ports)).rejects.toMatchObject({
      code: 'CTAP2_ERR_OPERATION_DENIED',
    });
    expect(store.adds).toBe(0);
  });

  it('an excluded credential is not revealed without presence either', async () => {
    const { ports, made } = await withCredential(absent);
    await expect(
      makeCredential(createParams('discouraged', [made.credentialId]), ports),
    ).rejects.toMatchObject({ code: 'CTAP2_ERR_OPERATION_DENIED' });
  });

  it('getAssertion answers CTAP2_ERR_OPERATION_DENIED before the counter moves', async () => {
    const { store, get, counter } = await withCredential(absent);
    await expect(get('discouraged')).rejects.toMatchObject({ code: 'CTAP2_ERR_OPERATION_DENIED' });
    expect(store.signings).toBe(0);
    expect(counter()).toBe(0);
  });

  it('verified but not present is still refused (UV without UP signs nothing)', async () => {
    const { store, ports, get } = await withCredential({ userPresent: false, userVerified: true });
    await expect(makeCredential(createParams('required'), ports)).rejects.toMatchObject({
      code: 'CTAP2_ERR_OPERATION_DENIED',
    });
    await expect(get('required')).rejects.toMatchObject({ code: 'CTAP2_ERR_OPERATION_DENIED' });
    expect([store.adds, store.signings]).toEqual([0, 0]);
  });

  it.each([
    ['says nothing of presence', { userVerified: false }],
    ['says "true" as a string', { userPresent: 'true', userVerified: false }],
  ])('a gate that %s counts as absent', async (_, approval) => {
    const { store, ports, get } = await withCredential(approval as unknown as MakeCredentialApproval);
    await expect(makeCredential(createParams('discouraged'), ports)).rejects.toMatchObject({
      code: 'CTAP2_ERR_OPERATION_DENIED',
    });
    await expect(get('discouraged')).rejects.toMatchObject({ code: 'CTAP2_ERR_OPERATION_DENIED' });
    expect([store.adds, store.signings]).toEqual([0, 0]);
  });
});
