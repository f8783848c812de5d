/**
 * Issue 8, defects 3 and 4: a PIN change replaces the vault key, and every state change that must
 * survive an OS crash is committed with strict durability.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { toBase64url } from '../shared/bytes.ts';
import { credentialKeyAad, otpSecretAad } from './aad.ts';
import { IdbCredentialStore } from './credential-store.ts';
import { openVault, type VaultDB } from './open-vault.ts';
import { IdbOtpStore } from './otp-store.ts';
import { rekeyVault } from './rekey-vault.ts';
import type { CredentialRecord, VaultKeyRecord } from './schema.ts';
import { importVaultKey, unseal } from './seal.ts';
import { memoryCache, sampleAccount, sampleCredential } from './testing/fixtures.ts';
import { rawVaultKey, removePin, resetVault, setPin, unlockWithPin, vaultCryptoKey } from './vault-key.ts';

let n = 0;
async function setup() {
  const db = await openVault(`vault-safety-${n++}`);
  const cache = memoryCache();
  const key = () => vaultCryptoKey(db, cache);
  return { db, cache, credentials: new IdbCredentialStore(db, key), codes: new IdbOtpStore(db, key) };
}

/**
 * The database, but the first `getAll(store)` runs `meanwhile` after its snapshot is read: a write
 * that lands while the vault key is being replaced.
 */
function racing(
  db: VaultDB,
  store: 'credentials' | 'otpAccounts',
  meanwhile: () => Promise<unknown>,
): VaultDB {
  let done = false;
  return new Proxy(db, {
    get(target, property) {
      const value = Reflect.get(target, property, target);
      if (property !== 'getAll') return typeof value === 'function' ? value.bind(target) : value;
      return async (name: 'credentials' | 'otpAccounts') => {
        const all = await target.getAll(name);
        if (name === store && !done) {
          done = true;
          await meanwhile();
        }
        return all;
      };
    },
  });
}

const idOf = (n: number) => toBase64url(Uint8Array.of(n, n, n));

async function opensWith(raw: Uint8Array, record: CredentialRecord): Promise<boolean> {
  return unseal(await importVaultKey(raw), record.privateKey, credentialKeyAad(record)).then(
    () => true,
    () => false,
  );
}

describe('a PIN change replaces the vault key (defect 3)', () => {
  it('a copy of the vault from before the PIN cannot open a credential created after it', async () => {
    const { db, cache, credentials } = await setup();
    await credentials.add(sampleCredential(1));
    // The copy: the vault key as it was stored, unwrapped, before any PIN.
    const copied = (await db.get('meta', 'vaultKey')) as VaultKeyRecord & { kind: 'plain' };
    expect(copied.kind).toBe('plain');

    await setPin(db, cache, '1234');
    await credentials.add(sampleCredential(2));

    expect(await opensWith(copied.key, (await db.get('credentials', idOf(2)))!)).toBe(false);
    // What existed before was re-sealed: the copy holds only its own old ciphertext of it.
    expect(await opensWith(copied.key, (await db.get('credentials', idOf(1)))!)).toBe(false);
    // Both still sign with the new key.
    for (const id of [1, 2]) {
      const key = await credentials.useForSigning('example.com', Uint8Array.of(id, id, id), 5);
      expect(key.privateKey).toEqual(new Uint8Array(32).fill(0xab));
    }
  }, 60_000);

  it('changing and removing the PIN each make a new key; codes survive every change', async () => {
    const { db, cache, credentials, codes } = await setup();
    await codes.add([sampleAccount('Example', 'alice', 0x33)], 'ask');
    await setPin(db, cache, '1234');
    const first = cache.value!;
    await setPin(db, cache, '5678');
    const second = cache.value!;
    await credentials.add(sampleCredential(3));
    expect(await opensWith(first, (await db.get('credentials', idOf(3)))!)).toBe(false);

    await removePin(db, cache, '5678');
    expect(((await db.get('meta', 'vaultKey')) as VaultKeyRecord).kind).toBe('plain');
    expect(await opensWith(second, (await db.get('credentials', idOf(3)))!)).toBe(false);
    expect(await opensWith(cache.value!, (await db.get('credentials', idOf(3)))!)).toBe(true);

    const [record] = await db.getAll('otpAccounts');
    const secret = await unseal(await importVaultKey(cache.value!), record!.secret, otpSecretAad(record!));
    expect(secret).toEqual(new Uint8Array(20).fill(0x33));
  }, 60_000);

  it('removing the PIN needs the right one, and a wrong one counts', async () => {
    const { db, cache } = await setup();
    await setPin(db, cache, '1234');
    await expect(removePin(db, cache, '0000')).rejects.toMatchObject({ reason: 'wrong', retriesLeft: 7 });
    expect(((await db.get('meta', 'vaultKey')) as VaultKeyRecord).kind).toBe('pin');
  }, 60_000);

  it('starts over when a credential is added while the key is being replaced, and loses nothing', async () => {
    const { db, cache, credentials } = await setup();
    await credentials.add(sampleCredential(1));
    const oldRaw = await rawVaultKey(db, cache);
    const newRaw = crypto.getRandomValues(new Uint8Array(32));
    // The first snapshot is taken, then another credential lands (sealed with the old key).
    const db2 = racing(db, 'credentials', () => credentials.add(sampleCredential(2)));
    await rekeyVault(db2, oldRaw, newRaw, { kind: 'plain', key: newRaw });
    for (const id of [1, 2])
      expect(await opensWith(newRaw, (await db.get('credentials', idOf(id)))!)).toBe(true);
  });

  it('keeps a counter that moved while the key was being replaced', async () => {
    const { db, cache, credentials } = await setup();
    await credentials.add(sampleCredential(1));
    const oldRaw = await rawVaultKey(db, cache);
    const newRaw = crypto.getRandomValues(new Uint8Array(32));
    const db2 = racing(db, 'otpAccounts', () =>
      credentials.useForSigning('example.com', Uint8Array.of(1, 1, 1), 9),
    );
    await rekeyVault(db2, oldRaw, newRaw, { kind: 'plain', key: newRaw });
    expect((await db.get('credentials', idOf(1)))?.signCount).toBe(1);
  });
});

describe('strict durability for what must survive a crash (defect 4)', () => {
  /** Records every transaction the vault opens: its stores, mode and durability. */
  function recordTransactions(db: VaultDB) {
    const seen: { stores: string; mode: string; durability: string }[] = [];
    const native = db.transaction.bind(db);
    (db as { transaction: unknown }).transaction = ((...args: Parameters<VaultDB['transaction']>) => {
      const tx = native(...args);
      seen.push({
        stores: [...tx.objectStoreNames].join(','),
        mode: tx.mode,
        durability: (tx as unknown as { durability: string }).durability,
      });
      return tx;
    }) as VaultDB['transaction'];
    return seen;
  }

  it('new credentials, counters, PIN attempts, codes and reset are all strict', async () => {
    const { db, cache, credentials, codes } = await setup();
    const seen = recordTransactions(db);
    await credentials.add(sampleCredential(1));
    // A restarted worker: its first sign-in reserves a counter block (strict). The store that added the
    // credential reserved one ahead with it, and writes only the value used behind (relaxed).
    const restarted = new IdbCredentialStore(db, () => vaultCryptoKey(db, cache));
    await restarted.useForSigning('example.com', Uint8Array.of(1, 1, 1), 1);
    await codes.add([sampleAccount('Example', 'hotp', 0x44, { kind: 'hotp' })], 'ask');
    const [hotp] = await codes.list();
    await codes.nextHotp(hotp!.id);
    await setPin(db, cache, '1234');
    await expect(unlockWithPin(db, cache, '9999')).rejects.toThrow();
    await unlockWithPin(db, cache, '1234');
    await credentials.delete(idOf(1));
    await resetVault(db, cache);
    const writes = seen.filter((t) => t.mode === 'readwrite');
    expect(writes.length).toBeGreaterThanOrEqual(9);
    expect(writes.filter((t) => t.durability !== 'strict')).toEqual([]);
  }, 60_000);
});
