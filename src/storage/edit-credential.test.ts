import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { toBase64url } from '../shared/bytes.ts';
import { IdbCredentialStore } from './credential-store.ts';
import { editCredential } from './edit-credential.ts';
import { openVault } from './open-vault.ts';
import { memoryCache, sampleCredential } from './testing/fixtures.ts';
import { vaultCryptoKey } from './vault-key.ts';

let n = 0;
async function setup() {
  const db = await openVault(`edit-vault-${n++}`);
  const store = new IdbCredentialStore(db, () => vaultCryptoKey(db, memoryCache()));
  await store.add(sampleCredential(1));
  await store.add(sampleCredential(2));
  return { db, store, id: toBase64url(Uint8Array.of(1, 1, 1)) };
}
const use = (store: IdbCredentialStore) => store.useForSigning('example.com', Uint8Array.of(1, 1, 1), 9);

describe('editCredential', () => {
  it('changes the names, trimmed, and nothing else', async () => {
    const { db, id } = await setup();
    const before = await db.get('credentials', id);
    expect(await editCredential(db, id, { userName: ' bob ', userDisplayName: ' Bob ' })).toBe(true);
    expect(await db.get('credentials', id)).toEqual({ ...before, userName: 'bob', userDisplayName: 'Bob' });
  });

  it('sets the counter: the next use goes on from it, up or down, past a reserved block', async () => {
    const { db, store, id } = await setup();
    expect((await use(store)).signCount).toBe(1);
    expect((await use(store)).signCount).toBe(2);
    // This worker holds a reserved block (up to 32); the edit must not be skipped over by it.
    await editCredential(db, id, { signCount: 100 });
    expect((await use(store)).signCount).toBe(101);
    await editCredential(db, id, { signCount: 5 });
    expect((await use(store)).signCount).toBe(6);
    expect((await use(store)).signCount).toBe(7);
    // The other passkey's counter is its own.
    expect((await store.useForSigning('example.com', Uint8Array.of(2, 2, 2), 9)).signCount).toBe(1);
  });

  it('says so when the passkey no longer exists', async () => {
    const { db } = await setup();
    expect(await editCredential(db, 'AAAA', { signCount: 3 })).toBe(false);
    expect(await db.get('credentials', 'AAAA')).toBeUndefined();
  });
});
