import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { toBase64url, utf8 } from '../shared/bytes.ts';
import { IdbCredentialStore } from './credential-store.ts';
import { openVault } from './open-vault.ts';
import { memoryCache, sampleCredential } from './testing/fixtures.ts';
import {
  PIN_MAX_RETRIES,
  PinError,
  pinRetries,
  rawVaultKey,
  setPin,
  unlockWithPin,
  VaultLockedError,
  vaultCryptoKey,
} from './vault-key.ts';

let n = 0;
async function setup() {
  const db = await openVault(`test-vault-${n++}`);
  const cache = memoryCache();
  const store = new IdbCredentialStore(db, () => vaultCryptoKey(db, cache));
  return { db, cache, store };
}

const credential = sampleCredential;

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
    await expect(store.useForSigning('evil.com', Uint8Array.of(1, 1, 1), 1)).rejects.toThrow();
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

describe('PIN and vault key', () => {
  it('wraps the vault key with the PIN: locked after a restart until the PIN is entered', async () => {
    const { db, cache, store } = await setup();
    await store.add(credential(1));
    await setPin(db, cache, '1234');
    const afterRestart = memoryCache();
    await expect(rawVaultKey(db, afterRestart)).rejects.toBeInstanceOf(VaultLockedError);
    await unlockWithPin(db, afterRestart, '1234');
    const reopened = new IdbCredentialStore(db, () => vaultCryptoKey(db, afterRestart));
    const key = await reopened.useForSigning('example.com', Uint8Array.of(1, 1, 1), 1);
    expect(key.privateKey).toEqual(new Uint8Array(32).fill(0xab));
  });

  it('counts wrong PINs, resets on success, and blocks after eight in a row', async () => {
    const { db, cache } = await setup();
    await setPin(db, cache, '1234');
    await expect(unlockWithPin(db, cache, '0000')).rejects.toMatchObject({ reason: 'wrong', retriesLeft: 7 });
    await unlockWithPin(db, cache, '1234');
    expect(await pinRetries(db)).toBe(PIN_MAX_RETRIES);
    for (let i = 1; i < PIN_MAX_RETRIES; i++) {
      await expect(unlockWithPin(db, cache, '9999')).rejects.toMatchObject({ reason: 'wrong' });
    }
    await expect(unlockWithPin(db, cache, '9999')).rejects.toMatchObject({ reason: 'blocked' });
    // Blocked means blocked: even the right PIN is refused now.
    await expect(unlockWithPin(db, cache, '1234')).rejects.toBeInstanceOf(PinError);
  }, 60_000);

  it('refuses PINs shorter than 4 characters', async () => {
    const { db, cache } = await setup();
    await expect(setPin(db, cache, '123')).rejects.toMatchObject({ reason: 'invalid' });
  });
});

describe('PIN attempts in parallel', () => {
  it('count every guess: twenty parallel wrong PINs block the PIN', async () => {
    const { db, cache } = await setup();
    await setPin(db, cache, '1234');
    const guesses = Array.from({ length: 20 }, (_, i) =>
      unlockWithPin(db, cache, String(5000 + i)).catch((e) => e),
    );
    const results = await Promise.all(guesses);
    expect(results.filter((e) => e instanceof PinError && e.reason === 'blocked').length).toBe(13);
    await expect(unlockWithPin(db, cache, '1234')).rejects.toMatchObject({ reason: 'blocked' });
  }, 60_000);
});
