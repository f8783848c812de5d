import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { toBase64url } from '../shared/bytes.ts';
import { IdbCredentialStore } from './credential-store.ts';
import { openVault } from './open-vault.ts';
import { renameCredential } from './rename-credential.ts';
import { memoryCache, sampleCredential } from './testing/fixtures.ts';
import { vaultCryptoKey } from './vault-key.ts';

let n = 0;
async function setup() {
  const db = await openVault(`rename-vault-${n++}`);
  const cache = memoryCache();
  const store = new IdbCredentialStore(db, () => vaultCryptoKey(db, cache));
  await store.add(sampleCredential(1));
  await store.add(sampleCredential(2));
  return { db, store, id: toBase64url(Uint8Array.of(1, 1, 1)) };
}

describe('renameCredential', () => {
  it('changes the display name, trimmed, and nothing else', async () => {
    const { db, store, id } = await setup();
    const before = await db.get('credentials', id);
    expect(await renameCredential(db, id, '  Work laptop  ')).toBe(true);
    const after = await db.get('credentials', id);
    expect(after).toEqual({ ...before, userDisplayName: 'Work laptop' });
    // The other passkey is untouched, and the store reads the new name.
    const names = (await store.listAll()).map((c) => c.userDisplayName).sort();
    expect(names).toEqual(['User 2', 'Work laptop']);
  });

  it('still signs with the renamed passkey: its key and counter are as they were', async () => {
    const { db, store, id } = await setup();
    await renameCredential(db, id, 'Renamed');
    const key = await store.useForSigning('example.com', Uint8Array.of(1, 1, 1), 5);
    expect(key.signCount).toBe(1);
    expect(key.privateKey).toEqual(new Uint8Array(32).fill(0xab));
  });

  it('says so when the passkey no longer exists', async () => {
    const { db } = await setup();
    expect(await renameCredential(db, 'AAAA', 'Nobody')).toBe(false);
    expect(await db.get('credentials', 'AAAA')).toBeUndefined();
  });
});
