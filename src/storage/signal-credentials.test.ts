import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { toBase64url, utf8 } from '../shared/bytes.ts';
import { IdbCredentialStore } from './credential-store.ts';
import { openVault } from './open-vault.ts';
import {
  hideUnknownCredential,
  keepOnlyAccepted,
  restoreCredential,
  updateUserDetails,
} from './signal-credentials.ts';
import { memoryCache, sampleCredential } from './testing/fixtures.ts';
import { vaultCryptoKey } from './vault-key.ts';

let n = 0;
const idOf = (k: number) => toBase64url(Uint8Array.of(k, k, k));
const bytesOf = (k: number) => Uint8Array.of(k, k, k);
const USER = toBase64url(utf8('alice'));

/** Passkeys 1–3 of alice on example.com (3 not discoverable), 4 of bob there, 5 of alice elsewhere. */
async function setup() {
  const db = await openVault(`signal-vault-${n++}`);
  const store = new IdbCredentialStore(db, () => vaultCryptoKey(db, memoryCache()));
  const alice = { userHandle: utf8('alice'), userName: 'alice', userDisplayName: 'Alice' };
  await store.add(sampleCredential(1, { ...alice, discoverable: false }));
  await store.add(sampleCredential(2, { ...alice, discoverable: false }));
  await store.add(sampleCredential(3, { ...alice }));
  await store.add(sampleCredential(4));
  await store.add(sampleCredential(5, { ...alice, rpId: 'other.example' }));
  return { db, store };
}

const hiddenIds = async (store: IdbCredentialStore) =>
  (await store.listAll())
    .filter((c) => c.hidden)
    .map((c) => c.credentialId[0])
    .sort();

describe('signalUnknownCredential: hide, never delete', () => {
  it('hides the credential: kept (and listed as hidden) but not offered for sign-in', async () => {
    const { store, db } = await setup();
    expect(await hideUnknownCredential(db, 'example.com', idOf(3))).toBe(true);
    expect(await hiddenIds(store)).toEqual([3]);
    expect(await store.findByIds('example.com', [bytesOf(3)], 'sign-in')).toEqual([]);
    expect((await store.listDiscoverable('example.com')).map((c) => c.credentialId[0])).toEqual([4]);
    // Still counted for excludeCredentials: the key does hold it.
    expect(await store.findByIds('example.com', [bytesOf(3)], 'exclude')).toHaveLength(1);
  });

  it('leaves another RP’s credential alone, and unknown ids change nothing', async () => {
    const { store, db } = await setup();
    expect(await hideUnknownCredential(db, 'example.com', idOf(5))).toBe(false);
    expect(await hideUnknownCredential(db, 'example.com', 'AAAA')).toBe(false);
    expect(await hiddenIds(store)).toEqual([]);
  });

  it('restores from the popup: offered for sign-in again, the record otherwise as it was', async () => {
    const { store, db } = await setup();
    const before = await db.get('credentials', idOf(3));
    await hideUnknownCredential(db, 'example.com', idOf(3));
    expect(await restoreCredential(db, idOf(3))).toBe(true);
    expect(await db.get('credentials', idOf(3))).toEqual(before);
    expect(await store.findByIds('example.com', [bytesOf(3)], 'sign-in')).toHaveLength(1);
    expect(await restoreCredential(db, 'AAAA')).toBe(false);
  });
});

describe('signalAllAcceptedCredentials', () => {
  it('hides the user’s credentials that are not listed, only that user’s and only for that RP', async () => {
    const { store, db } = await setup();
    expect(await keepOnlyAccepted(db, 'example.com', USER, new Set([idOf(2)]))).toEqual({
      hidden: 2,
      restored: 0,
    });
    expect(await hiddenIds(store)).toEqual([1, 3]);
  });

  it('restores hidden ones that are listed again (§5.1.10.2)', async () => {
    const { store, db } = await setup();
    await keepOnlyAccepted(db, 'example.com', USER, new Set());
    expect(await hiddenIds(store)).toEqual([1, 2, 3]);
    expect(await keepOnlyAccepted(db, 'example.com', USER, new Set([idOf(1), idOf(3)]))).toEqual({
      hidden: 0,
      restored: 2,
    });
    expect(await hiddenIds(store)).toEqual([2]);
  });
});

describe('signalCurrentUserDetails', () => {
  it('renames every credential of that user for that RP, and no other', async () => {
    const { store, db } = await setup();
    const details = { name: 'alice@new.example', displayName: 'Alice N.' };
    expect(await updateUserDetails(db, 'example.com', USER, details)).toBe(3);
    const all = await store.listAll();
    const renamed = all.filter((c) => c.userName === details.name).map((c) => c.credentialId[0]);
    expect(renamed.sort()).toEqual([1, 2, 3]);
    expect(all.find((c) => c.credentialId[0] === 5)?.userName).toBe('alice');
    // Nothing changes the second time.
    expect(await updateUserDetails(db, 'example.com', USER, details)).toBe(0);
  });
});

describe('vaults from before signals', () => {
  it('a record without the field is visible', async () => {
    const { store, db } = await setup();
    const record = await db.get('credentials', idOf(3));
    expect(record && 'hidden' in record).toBe(false);
    expect(await store.findByIds('example.com', [bytesOf(3)], 'sign-in')).toHaveLength(1);
  });
});
