/**
 * The PIN: the vault key wrapped by PBKDF2-SHA256 (600,000 iterations) of it, checked against
 * node:crypto; retries counted before the slow derivation, one attempt at a time, eight wrong in a
 * row block it. The derivation is a parameter of unlockWithPin, so tests can watch when it runs.
 */
import 'fake-indexeddb/auto';
import { createCipheriv, createDecipheriv, pbkdf2Sync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { IdbCredentialStore } from './credential-store.ts';
import { openVault, type VaultDB } from './open-vault.ts';
import type { VaultKeyRecord } from './schema.ts';
import { importVaultKey } from './seal.ts';
import { memoryCache, sampleCredential } from './testing/fixtures.ts';
import {
  PIN_KDF_ITERATIONS,
  PIN_MAX_RETRIES,
  PinError,
  type PinKeyDerivation,
  pinRetries,
  rawVaultKey,
  readVaultKeyRecord,
  setPin,
  unlockWithPin,
  VaultLockedError,
  vaultCryptoKey,
} from './vault-key.ts';

let n = 0;
async function setup() {
  const db = await openVault(`vault-key-${n++}`);
  const cache = memoryCache();
  return { db, cache };
}

/** The additional data the wrapped vault key is sealed with (vault-key.ts). */
const WRAP_AAD = Buffer.from('tapkey vault key v1');

async function pinRecord(db: VaultDB): Promise<VaultKeyRecord & { kind: 'pin' }> {
  const record = await readVaultKeyRecord(db);
  if (record?.kind !== 'pin') throw new Error(`expected a PIN-wrapped vault key, got ${record?.kind}`);
  return record;
}

/** A derivation that never gives the right key, fast: every attempt is a wrong PIN. */
const wrongKey: PinKeyDerivation = () => importVaultKey(crypto.getRandomValues(new Uint8Array(32)));

describe('the PIN wraps the vault key with PBKDF2-SHA256 at 600,000 iterations', () => {
  // "cafe" + U+0301 is "café" in NFD: the PIN is normalised to NFC before it is derived.
  const typed = 'cafe\u0301 42';
  const nfc = Buffer.from('caf\u00e9 42', 'utf8');

  it('setPin: node:crypto’s own PBKDF2-SHA256 at 600,000 iterations opens the wrapped key', async () => {
    const { db, cache } = await setup();
    await setPin(db, cache, typed);
    const record = await pinRecord(db);
    expect(record.iterations).toBe(600_000);
    expect(PIN_KDF_ITERATIONS).toBe(600_000);
    const key = pbkdf2Sync(nfc, record.salt, 600_000, 32, 'sha256');
    const { iv, ciphertext } = record.wrapped;
    const decipher = createDecipheriv('aes-256-gcm', key, iv).setAAD(WRAP_AAD);
    decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
    const raw = Buffer.concat([decipher.update(ciphertext.subarray(0, -16)), decipher.final()]);
    expect(new Uint8Array(raw)).toEqual(cache.value);
  }, 60_000);

  it('unlockWithPin: opens a key wrapped by node:crypto at 600,000 iterations, and only with that PIN', async () => {
    const { db } = await setup();
    const raw = randomBytes(32);
    const salt = randomBytes(16);
    const iv = randomBytes(12);
    const key = pbkdf2Sync(nfc, salt, 600_000, 32, 'sha256');
    const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(WRAP_AAD);
    const ciphertext = Buffer.concat([cipher.update(raw), cipher.final(), cipher.getAuthTag()]);
    const record: VaultKeyRecord = {
      kind: 'pin',
      salt: new Uint8Array(salt),
      iterations: 600_000,
      wrapped: { iv: new Uint8Array(iv), ciphertext: new Uint8Array(ciphertext) },
    };
    await db.put('meta', record, 'vaultKey');
    await expect(unlockWithPin(db, memoryCache(), 'cafe 42')).rejects.toMatchObject({ reason: 'wrong' });
    expect(await unlockWithPin(db, memoryCache(), typed)).toEqual(new Uint8Array(raw));
  }, 60_000);
});

describe('PIN and vault key', () => {
  it('wraps the vault key with the PIN: locked after a restart until the PIN is entered', async () => {
    const { db, cache } = await setup();
    const store = new IdbCredentialStore(db, () => vaultCryptoKey(db, cache));
    await store.add(sampleCredential(1));
    await setPin(db, cache, '1234');
    const afterRestart = memoryCache();
    await expect(rawVaultKey(db, afterRestart)).rejects.toBeInstanceOf(VaultLockedError);
    await unlockWithPin(db, afterRestart, '1234');
    const reopened = new IdbCredentialStore(db, () => vaultCryptoKey(db, afterRestart));
    const key = await reopened.useForSigning('example.com', Uint8Array.of(1, 1, 1), 1);
    expect(key.privateKey).toEqual(new Uint8Array(32).fill(0xab));
  }, 60_000);

  it('counts wrong PINs, resets on success, and blocks after eight in a row', async () => {
    const { db, cache } = await setup();
    await setPin(db, cache, '1234');
    await expect(unlockWithPin(db, cache, '0000')).rejects.toMatchObject({ reason: 'wrong', retriesLeft: 7 });
    await unlockWithPin(db, cache, '1234');
    expect(await pinRetries(db)).toBe(PIN_MAX_RETRIES);
    for (let i = 1; i < PIN_MAX_RETRIES; i++) {
      await expect(unlockWithPin(db, cache, '9999', wrongKey)).rejects.toMatchObject({ reason: 'wrong' });
    }
    await expect(unlockWithPin(db, cache, '9999', wrongKey)).rejects.toMatchObject({ reason: 'blocked' });
    // Blocked means blocked: even the right PIN is refused now.
    await expect(unlockWithPin(db, cache, '1234')).rejects.toBeInstanceOf(PinError);
  }, 60_000);

  it('refuses PINs shorter than 4 characters', async () => {
    const { db, cache } = await setup();
    await expect(setPin(db, cache, '123')).rejects.toMatchObject({ reason: 'invalid' });
  }, 60_000);
});

describe('each attempt is counted before the slow derivation, one at a time', () => {
  it('the attempt is on disk when the derivation starts (a worker stopped mid-derivation still has it counted)', async () => {
    const { db, cache } = await setup();
    await setPin(db, cache, '1234');
    const seen: number[] = [];
    const stopped: PinKeyDerivation = async () => {
      seen.push(await pinRetries(db));
      throw new Error('the worker stopped here');
    };
    await expect(unlockWithPin(db, memoryCache(), '1234', stopped)).rejects.toBeInstanceOf(PinError);
    expect(seen).toEqual([PIN_MAX_RETRIES - 1]);
    expect(await pinRetries(db)).toBe(PIN_MAX_RETRIES - 1);
  }, 60_000);

  it('count every guess: twenty parallel wrong PINs block the PIN', async () => {
    const { db, cache } = await setup();
    await setPin(db, cache, '1234');
    // What the store says at the start of each derivation, and how many run at once. Unserialised
    // attempts would each count first and then derive side by side, seeing one another's counts.
    const seen: number[] = [];
    let running = 0;
    let mostAtOnce = 0;
    const watched: PinKeyDerivation = async (...args) => {
      mostAtOnce = Math.max(mostAtOnce, ++running);
      seen.push(await pinRetries(db));
      const key = await wrongKey(...args);
      running--;
      return key;
    };
    const guesses = Array.from({ length: 20 }, (_, i) =>
      unlockWithPin(db, cache, String(5000 + i), watched).catch((e: unknown) => e),
    );
    const results = await Promise.all(guesses);
    // Eight derivations, each after its own attempt and no other was counted: 7, 6, … 0 left.
    expect(seen).toEqual([7, 6, 5, 4, 3, 2, 1, 0]);
    expect(mostAtOnce).toBe(1);
    const reasons = results.map((e) => (e instanceof PinError ? e.reason : String(e)));
    expect(reasons).toEqual([...Array(7).fill('wrong'), ...Array(13).fill('blocked')]);
    await expect(unlockWithPin(db, cache, '1234')).rejects.toMatchObject({ reason: 'blocked' });
  }, 60_000);

  it('a right PIN among parallel guesses does not wipe the count of the guesses after it', async () => {
    const { db, cache } = await setup();
    await setPin(db, cache, '1234');
    const right = unlockWithPin(db, memoryCache(), '1234');
    const wrong = Array.from({ length: 3 }, (_, i) =>
      unlockWithPin(db, memoryCache(), String(7000 + i), wrongKey).catch((e: unknown) => e),
    );
    await right;
    expect((await Promise.all(wrong)).map((e) => (e as PinError).reason)).toEqual([
      'wrong',
      'wrong',
      'wrong',
    ]);
    expect(await pinRetries(db)).toBe(PIN_MAX_RETRIES - 3);
  }, 60_000);
});
