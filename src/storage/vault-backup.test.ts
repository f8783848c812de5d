import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openBackup, sealBackup } from '../backup/backup-file.ts';
import { accountFields } from '../totp/account-fields.ts';
import { testAccount } from '../totp/testing/fixtures.ts';
import { IdbCredentialStore } from './credential-store.ts';
import { openVault } from './open-vault.ts';
import { IdbOtpStore } from './otp-store.ts';
import { memoryCache, sampleAccount, sampleCredential } from './testing/fixtures.ts';
import { exportVault, planRestore, restoreVault } from './vault-backup.ts';
import { resetVault, vaultCryptoKey } from './vault-key.ts';

let n = 0;
async function setup() {
  const db = await openVault(`vault-backup-${n++}`);
  const cache = memoryCache();
  const key = () => vaultCryptoKey(db, cache);
  return {
    db,
    cache,
    key,
    credentials: new IdbCredentialStore(db, key),
    codes: () => new IdbOtpStore(db, key),
  };
}

const FAST = { N: 2 ** 14, r: 8, p: 1 };
const NOW = Date.UTC(2026, 10, 29);
const FLOOR = Math.floor((NOW - Date.UTC(2020, 0, 1)) / 1000);

describe('vault backup and restore', () => {
  it('backs up, erases, restores: passkeys sign with a counter past any used, codes come back', async () => {
    const v = await setup();
    await v.credentials.add(sampleCredential(1));
    await v.credentials.useForSigning('example.com', Uint8Array.of(1, 1, 1), 5);
    await v.codes().add([sampleAccount('Example', 'alice', 0x42)], 'ask');
    const payload = await exportVault(v.db, await v.key(), v.codes(), { bypassOrigins: [] });
    const text = await sealBackup(payload, 'correct horse battery staple', { scrypt: FAST });

    await resetVault(v.db, v.cache);
    const { payload: read } = await openBackup(text, 'correct horse battery staple');
    const result = await restoreVault(v.db, await v.key(), v.codes(), read, 'skip', NOW);
    expect(result).toMatchObject({ passkeysAdded: 1, accountsAdded: 1 });

    const signed = await v.credentials.useForSigning('example.com', Uint8Array.of(1, 1, 1), 6);
    expect(signed.privateKey).toEqual(new Uint8Array(32).fill(0xab));
    expect(signed.signCount).toBe(FLOOR + 1);
    const [account] = await v.codes().list();
    expect(account?.secret).toEqual(new Uint8Array(20).fill(0x42));
  });

  it('carries pins: a pinned account comes back pinned; one already here keeps its own', async () => {
    const v = await setup();
    const [id] = (await v.codes().add([sampleAccount('Example', 'alice', 0x42)], 'ask')).addedIds;
    await v.codes().setPinned(id!, true);
    const payload = await exportVault(v.db, await v.key(), v.codes(), { bypassOrigins: [] });
    expect(payload.accounts[0]?.pinned).toBe(true);

    await v.codes().setPinned(id!, false);
    await restoreVault(v.db, await v.key(), v.codes(), payload, 'replace', NOW);
    expect((await v.codes().list()).map((a) => a.pinned)).toEqual([false]);

    await resetVault(v.db, v.cache);
    await restoreVault(v.db, await v.key(), v.codes(), payload, 'skip', NOW);
    expect((await v.codes().list()).map((a) => a.pinned)).toEqual([true]);
  });

  it('merges: the same credential keeps the higher counter; duplicate accounts follow the choice', async () => {
    const v = await setup();
    await v.credentials.add(sampleCredential(1, { signCount: FLOOR + 500 }));
    await v.codes().add([sampleAccount('Example', 'alice', 0x42)], 'ask');
    const payload = await exportVault(v.db, await v.key(), v.codes(), { bypassOrigins: [] });
    payload.passkeys[0]!.signCount = 3;
    expect(await planRestore(v.db, v.codes(), payload)).toEqual({
      passkeys: { total: 1, alreadyHere: 1 },
      accounts: { total: 1, duplicates: 1 },
    });
    const skipped = await restoreVault(v.db, await v.key(), v.codes(), payload, 'skip', NOW);
    expect(skipped).toMatchObject({ passkeysUpdated: 1, accountsSkipped: 1 });
    expect((await v.credentials.listAll())[0]?.signCount).toBe(FLOOR + 501);
    expect(await v.codes().list()).toHaveLength(1);
    const added = await restoreVault(v.db, await v.key(), v.codes(), payload, 'add', NOW);
    expect(added.accountsAdded).toBe(1);
    expect(await v.codes().list()).toHaveLength(2);
  });

  it('is all or nothing: a passkey that clashes with another site’s stores nothing at all', async () => {
    const v = await setup();
    await v.credentials.add(sampleCredential(1));
    const payload = await exportVault(v.db, await v.key(), v.codes(), { bypassOrigins: [] });
    payload.passkeys.push({
      ...payload.passkeys[0]!,
      rpId: 'other.example',
      credentialId: payload.passkeys[0]!.credentialId,
    });
    payload.accounts.push({
      ...accountFields(testAccount({ issuer: 'X', accountName: 'y', secret: new Uint8Array() })),
      secret: 'JBSWY3DPEHPK3PXP',
      order: 0,
      createdAt: 1,
      sites: [],
    });
    const countBefore = (await v.credentials.listAll())[0]?.signCount;
    await expect(restoreVault(v.db, await v.key(), v.codes(), payload, 'skip', NOW)).rejects.toThrow(
      /belongs to/,
    );
    expect((await v.credentials.listAll()).map((c) => c.signCount)).toEqual([countBefore]);
    expect(await v.codes().list()).toEqual([]);
  });

  it('restores codes as adding them would: one stored account is replaced once, a second copy skipped', async () => {
    const v = await setup();
    await v.codes().add([sampleAccount('Example', 'alice', 0x42)], 'ask');
    const payload = await exportVault(v.db, await v.key(), v.codes(), { bypassOrigins: [] });
    const copy = { ...payload.accounts[0]!, accountName: 'alice (copy)' };
    payload.accounts.push(copy);
    const restored = await restoreVault(v.db, await v.key(), v.codes(), payload, 'replace', NOW);
    expect(restored).toMatchObject({ accountsReplaced: 1, accountsSkipped: 1, accountsAdded: 0 });
    expect((await v.codes().list()).map((a) => a.accountName)).toEqual(['alice']);
  });
});
