import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { openVault, upgradeVault } from './open-vault.ts';
import { type CredentialRecord, DB_VERSION, type VaultSchema } from './schema.ts';

const credential: CredentialRecord = {
  id: 'AQID',
  rpId: 'example.com',
  rpName: 'Example',
  userHandle: new Uint8Array([1, 2, 3]),
  userHandleKey: 'AQID',
  userName: 'alice',
  userDisplayName: 'Alice',
  discoverable: true,
  alg: -7,
  signCount: 4,
  createdAt: 1,
  lastUsedAt: null,
  publicKeyCose: new Uint8Array([9]),
  privateKey: { iv: new Uint8Array(12), ciphertext: new Uint8Array([7, 7]) },
};

describe('vault schema migrations', () => {
  it('is at version 4', () => {
    expect(DB_VERSION).toBe(4);
  });

  it('upgrades a version-1 vault: credentials survive and otpAccounts appears', async () => {
    const name = 'migration-v1';
    // Version 1, built by version 1's own upgrade step.
    const v1 = await openDB<VaultSchema>(name, 1, {
      upgrade(db, oldVersion, _newVersion, tx) {
        upgradeVault(db, oldVersion, 1, tx);
      },
    });
    expect([...v1.objectStoreNames].sort()).toEqual(['credentials', 'meta']);
    await v1.put('credentials', credential);
    await v1.put('meta', 3, 'pinRetries');
    v1.close();

    const v2 = await openVault(name);
    expect(v2.version).toBe(4);
    expect([...v2.objectStoreNames].sort()).toEqual(['credentials', 'meta', 'otpAccounts', 'staged']);
    expect(await v2.get('credentials', 'AQID')).toEqual(credential);
    expect(await v2.getAllFromIndex('credentials', 'rpId', 'example.com')).toHaveLength(1);
    expect(await v2.get('meta', 'pinRetries')).toBe(3);
    expect(await v2.count('otpAccounts')).toBe(0);
    v2.close();
  });

  it('upgrades a version-2 vault: its passkeys are counted by creation time', async () => {
    const name = 'migration-v2';
    const v2 = await openDB<VaultSchema>(name, 2, {
      upgrade(db, oldVersion, _newVersion, tx) {
        upgradeVault(db, oldVersion, 2, tx);
      },
    });
    expect([...v2.transaction('credentials').store.indexNames]).not.toContain('createdAt');
    await v2.put('credentials', { ...credential, createdAt: 1_000 });
    await v2.put('credentials', { ...credential, id: 'BAUG', createdAt: 3_000 });
    v2.close();

    const v3 = await openVault(name);
    expect(v3.version).toBe(4);
    expect(await v3.countFromIndex('credentials', 'createdAt', IDBKeyRange.lowerBound(2_000, true))).toBe(1);
    expect(await v3.count('credentials')).toBe(2);
    v3.close();
  });

  it('creates a fresh vault at the latest version', async () => {
    const db = await openVault('migration-fresh');
    expect([...db.objectStoreNames].sort()).toEqual(['credentials', 'meta', 'otpAccounts', 'staged']);
    db.close();
  });

  it('upgrades a version-3 vault: its passkeys stay, and new ones can be staged', async () => {
    const name = 'migration-v3';
    const v3 = await openDB<VaultSchema>(name, 3, {
      upgrade(db, oldVersion, _newVersion, tx) {
        upgradeVault(db, oldVersion, 3, tx);
      },
    });
    expect([...v3.objectStoreNames]).not.toContain('staged');
    await v3.put('credentials', credential);
    v3.close();

    const v4 = await openVault(name);
    expect(v4.version).toBe(4);
    expect(await v4.get('credentials', 'AQID')).toEqual(credential);
    expect(await v4.count('staged')).toBe(0);
    v4.close();
  });
});
