import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { toBase64url, utf8 } from '../shared/bytes.ts';
import { IdbCredentialStore } from './credential-store.ts';
import { openVault, type VaultDB } from './open-vault.ts';
import { memoryCache, sampleCredential } from './testing/fixtures.ts';
import { vaultCryptoKey } from './vault-key.ts';

let n = 0;
async function setup() {
  const db = await openVault(`test-vault-${n++}`);
  const cache = memoryCache();
  const store = new IdbCredentialStore(db, () => vaultCryptoKey(db, cache));
  return { db, cache, store };
}

const credential = sampleCredential;
const idOf = (k: number) => Uint8Array.of(k, k, k);

describe('IdbCredentialStore', () => {
  it('stores private keys encrypted: the raw record never holds the key bytes', async () => {
    const { db, store } = await setup();
    await store.add(credential(1));
    const record = await db.get('credentials', toBase64url(Uint8Array.of(1, 1, 1)));
    const json = JSON.stringify(record, (_k, v) => (v instanceof Uint8Array ? Array.from(v) : v));
    expect(json).not.toContain(Array.from(new Uint8Array(32).fill(0xab)).join(','));
    expect(record?.privateKey.ciphertext.length).toBe(32 + 16);
  });

  it('increments the counter in one transaction and returns the decrypted key', async () => {
    const { store } = await setup();
    await store.add(credential(1));
    const first = await store.useForSigning('example.com', Uint8Array.of(1, 1, 1), 100);
    const second = await store.useForSigning('example.com', Uint8Array.of(1, 1, 1), 200);
    expect([first.signCount, second.signCount]).toEqual([1, 2]);
    expect(second.privateKey).toEqual(new Uint8Array(32).fill(0xab));
    const [summary] = await store.findByIds('example.com', [Uint8Array.of(1, 1, 1)], 'sign-in');
    expect(summary?.signCount).toBe(2);
    expect(summary?.lastUsedAt).toBe(200);
  });

  it('never finds a credential for another RP ID', async () => {
    const { store } = await setup();
    await store.add(credential(1));
    expect(await store.findByIds('evil.com', [Uint8Array.of(1, 1, 1)], 'sign-in')).toEqual([]);
    expect(await store.findByIds('evil.com', [Uint8Array.of(1, 1, 1)], 'exclude')).toEqual([]);
    expect(await store.listDiscoverable('evil.com')).toEqual([]);
  });

  it('replaces a discoverable credential for the same user (CTAP 2.1 §6.1.2 step 17)', async () => {
    const { store } = await setup();
    await store.add(credential(1));
    await store.add(credential(2, { userHandle: utf8('user-1') }));
    await store.add(credential(3, { discoverable: false, userHandle: utf8('user-1') }));
    const all = await store.listAll();
    expect(all.map((c) => c.credentialId[0]).sort()).toEqual([2, 3]);
    expect((await store.listDiscoverable('example.com')).map((c) => c.credentialId[0])).toEqual([2]);
  });

  it('deletes', async () => {
    const { store } = await setup();
    await store.add(credential(1));
    expect(await store.delete(toBase64url(Uint8Array.of(1, 1, 1)))).toBe(true);
    expect(await store.delete(toBase64url(Uint8Array.of(1, 1, 1)))).toBe(false);
  });
});

describe('refuses another site', () => {
  /** Everything signing may change on the record: a refusal must leave all of it as it was. */
  async function signingState(db: VaultDB) {
    const record = await db.get('credentials', toBase64url(idOf(1)));
    return {
      signCount: record?.signCount,
      counterReserved: record?.counterReserved,
      lastUsedAt: record?.lastUsedAt,
      largeBlob: record?.largeBlob,
    };
  }

  // Three ways in: before any sign-in (the strict transaction), with a counter block already
  // reserved (no transaction before the answer), and with a large blob to write (always strict).
  it.each([
    ['before any sign-in', false, {}],
    ['with a counter block reserved', true, {}],
    ['with a large blob to write', true, { largeBlob: { write: Uint8Array.of(1, 2, 3) } }],
  ] as const)('%s: the site check refuses, and nothing is written', async (_, signedBefore, extras) => {
    const { db, store } = await setup();
    await store.add(credential(1, { largeBlob: true }));
    if (signedBefore) await store.useForSigning('example.com', idOf(1), 5);
    const before = await signingState(db);
    // "credential not found" is the site check's refusal; a key that failed to open would be a
    // WebCrypto OperationError, after the counter had moved.
    await expect(store.useForSigning('evil.com', idOf(1), 9, extras)).rejects.toThrow(
      /^credential not found$/,
    );
    expect(await signingState(db)).toEqual(before);
    // The credential still works for its own site, from where it was.
    expect((await store.useForSigning('example.com', idOf(1), 10)).signCount).toBe(signedBefore ? 2 : 1);
  });
});

describe('sealed keys are bound to their credential and site by the AES-GCM additional data', () => {
  type SealedField = 'privateKey' | 'prfSecrets' | 'largeBlob';
  /** Exchanges one sealed field between records `a` and `b`, as someone editing the database could. */
  async function swapSealed(db: VaultDB, field: SealedField, a: number, b: number) {
    const first = await db.get('credentials', toBase64url(idOf(a)));
    const second = await db.get('credentials', toBase64url(idOf(b)));
    await db.put('credentials', { ...first!, [field]: second![field] });
    await db.put('credentials', { ...second!, [field]: first![field] });
  }
  const OPENS_NOT = { name: 'OperationError' };
  const SECRETS = { withUv: new Uint8Array(32).fill(0x11), withoutUv: new Uint8Array(32).fill(0x22) };

  it('a private key swapped between two credentials of the same site opens in neither', async () => {
    const { db, store } = await setup();
    await store.add(credential(1));
    await store.add(credential(2, { privateKey: new Uint8Array(32).fill(0xcd) }));
    await swapSealed(db, 'privateKey', 1, 2);
    await expect(store.useForSigning('example.com', idOf(1), 1)).rejects.toMatchObject(OPENS_NOT);
    await expect(store.useForSigning('example.com', idOf(2), 1)).rejects.toMatchObject(OPENS_NOT);
  });

  it('a private key swapped between credentials of two sites opens at neither', async () => {
    const { db, store } = await setup();
    await store.add(credential(1));
    await store.add(credential(2, { rpId: 'other.example', privateKey: new Uint8Array(32).fill(0xcd) }));
    await swapSealed(db, 'privateKey', 1, 2);
    await expect(store.useForSigning('example.com', idOf(1), 1)).rejects.toMatchObject(OPENS_NOT);
    await expect(store.useForSigning('other.example', idOf(2), 1)).rejects.toMatchObject(OPENS_NOT);
  });

  it('a record moved to another site (same credential id) no longer opens its key', async () => {
    const { db, store } = await setup();
    await store.add(credential(1));
    const record = await db.get('credentials', toBase64url(idOf(1)));
    await db.put('credentials', { ...record!, rpId: 'evil.example' });
    await expect(store.useForSigning('evil.example', idOf(1), 1)).rejects.toMatchObject(OPENS_NOT);
  });

  it('hmac-secret keys and large blobs are bound the same way, and apart from the private key', async () => {
    const { db, store } = await setup();
    await store.add(credential(1, { prfSecrets: SECRETS, largeBlob: true }));
    await store.add(credential(2, { prfSecrets: SECRETS, largeBlob: true }));
    for (const k of [1, 2]) {
      await store.useForSigning('example.com', idOf(k), 1, { largeBlob: { write: Uint8Array.of(k) } });
    }
    await swapSealed(db, 'prfSecrets', 1, 2);
    await expect(store.useForSigning('example.com', idOf(1), 2, { prfSecrets: true })).rejects.toMatchObject(
      OPENS_NOT,
    );
    await swapSealed(db, 'largeBlob', 1, 2);
    await expect(
      store.useForSigning('example.com', idOf(2), 2, { largeBlob: { read: true } }),
    ).rejects.toMatchObject(OPENS_NOT);
    // Within one record: the private key's ciphertext in the hmac-secret slot does not open either.
    const record = await db.get('credentials', toBase64url(idOf(2)));
    await db.put('credentials', { ...record!, prfSecrets: record!.privateKey });
    await expect(store.useForSigning('example.com', idOf(2), 3, { prfSecrets: true })).rejects.toMatchObject(
      OPENS_NOT,
    );
  });
});
