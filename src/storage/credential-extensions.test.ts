/**
 * A credential's hmac-secret keys (prf) and large blob at rest: sealed like its private key, read and
 * written in the counter's strict transaction, kept through a PIN change (rekey) and a backup.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openBackup, sealBackup } from '../backup/backup-file.ts';
import { parseBackupPayload } from '../backup/backup-payload.ts';
import { cxfToPayload, payloadToCxf } from '../backup/cxf-payload.ts';
import { toBase64url } from '../shared/bytes.ts';
import { IdbCredentialStore } from './credential-store.ts';
import { openVault, type VaultDB } from './open-vault.ts';
import { IdbOtpStore } from './otp-store.ts';
import { decodePrfSecrets, encodePrfSecrets } from './prf-secrets.ts';
import { memoryCache, sampleCredential } from './testing/fixtures.ts';
import { recordTransactions } from './testing/transactions.ts';
import { exportVault, restoreVault } from './vault-backup.ts';
import { removePin, resetVault, setPin, unlockWithPin, vaultCryptoKey } from './vault-key.ts';

let n = 0;
async function setup() {
  const db = await openVault(`credential-extensions-${n++}`);
  const cache = memoryCache();
  const key = () => vaultCryptoKey(db, cache);
  return { db, cache, key, store: new IdbCredentialStore(db, key), codes: () => new IdbOtpStore(db, key) };
}

const ID = Uint8Array.of(1, 1, 1);
const SECRETS = { withUv: new Uint8Array(32).fill(0x11), withoutUv: new Uint8Array(32).fill(0x22) };
const BLOB = new Uint8Array(300).fill(0x5a);
const withExtensions = () => sampleCredential(1, { prfSecrets: SECRETS, largeBlob: true });

/** The record as JSON with bytes as number lists, to search for plaintext. */
async function rawRecord(db: VaultDB): Promise<string> {
  const record = await db.get('credentials', toBase64url(ID));
  return JSON.stringify(record, (_k, v) => (v instanceof Uint8Array ? Array.from(v) : v));
}
const run = (bytes: Uint8Array) => Array.from(bytes.subarray(0, 16)).join(',');

const FAST = { N: 2 ** 14, r: 8, p: 1 };

describe('hmac-secret keys and large blobs at rest', () => {
  it('seals both: the raw record holds neither in the clear', async () => {
    const { db, store } = await setup();
    await store.add(withExtensions());
    await store.useForSigning('example.com', ID, 1, { largeBlob: { write: BLOB } });
    const json = await rawRecord(db);
    expect(json).not.toContain(run(SECRETS.withUv));
    expect(json).not.toContain(run(SECRETS.withoutUv));
    expect(json).not.toContain(run(BLOB));
    const record = await db.get('credentials', toBase64url(ID));
    expect(record?.largeBlobSupported).toBe(true);
    expect(record?.largeBlob?.ciphertext.length).toBe(BLOB.length + 16);
  });

  it('returns the keys only when asked, and the blob with a read', async () => {
    const { store } = await setup();
    await store.add(withExtensions());
    expect((await store.useForSigning('example.com', ID, 1)).prfSecrets).toBeUndefined();
    expect((await store.useForSigning('example.com', ID, 2, { prfSecrets: true })).prfSecrets).toEqual(
      SECRETS,
    );
    expect(
      (await store.useForSigning('example.com', ID, 3, { largeBlob: { read: true } })).largeBlob,
    ).toEqual({});
    const written = await store.useForSigning('example.com', ID, 4, { largeBlob: { write: BLOB } });
    expect(written.largeBlob).toEqual({ written: true });
    expect(written.signCount).toBe(4);
    const read = await store.useForSigning('example.com', ID, 5, { largeBlob: { read: true } });
    expect(read.largeBlob).toEqual({ blob: BLOB });
  });

  it('writes the blob in the one strict transaction that moves the counter', async () => {
    const { db, store } = await setup();
    await store.add(withExtensions());
    const seen = recordTransactions(db);
    await store.useForSigning('example.com', ID, 1, { largeBlob: { write: BLOB } });
    // (Getting the vault key touches `meta` only.)
    expect(seen.filter((t) => t.stores.includes('credentials'))).toEqual([
      { stores: ['credentials'], mode: 'readwrite', durability: 'strict' },
    ]);
  });

  it('keeps no blob for a credential without a blob store', async () => {
    const { db, store } = await setup();
    await store.add(sampleCredential(1));
    const key = await store.useForSigning('example.com', ID, 1, { largeBlob: { write: BLOB } });
    expect(key.largeBlob).toEqual({ written: false });
    expect((await db.get('credentials', toBase64url(ID)))?.largeBlob).toBeUndefined();
  });

  it('a credential from before prf has no keys, and still signs', async () => {
    const { store } = await setup();
    await store.add(sampleCredential(1));
    const key = await store.useForSigning('example.com', ID, 1, {
      prfSecrets: true,
      largeBlob: { read: true },
    });
    expect(key.prfSecrets).toBeUndefined();
    expect(key.largeBlob).toEqual({});
    expect(key.signCount).toBe(1);
  });

  it('keeps both readable through setting, changing and removing a PIN', async () => {
    const { db, cache, store } = await setup();
    await store.add(withExtensions());
    await store.useForSigning('example.com', ID, 1, { largeBlob: { write: BLOB } });
    await setPin(db, cache, '1234');
    await unlockWithPin(db, cache, '1234');
    await setPin(db, cache, '5678');
    await unlockWithPin(db, cache, '5678');
    let key = await store.useForSigning('example.com', ID, 2, {
      prfSecrets: true,
      largeBlob: { read: true },
    });
    expect(key.prfSecrets).toEqual(SECRETS);
    expect(key.largeBlob).toEqual({ blob: BLOB });
    await removePin(db, cache, '5678');
    key = await store.useForSigning('example.com', ID, 3, { prfSecrets: true, largeBlob: { read: true } });
    expect(key.prfSecrets).toEqual(SECRETS);
    expect(key.largeBlob).toEqual({ blob: BLOB });
  }, 60_000);

  it('round-trips through an encrypted backup file', async () => {
    const v = await setup();
    await v.store.add(withExtensions());
    await v.store.useForSigning('example.com', ID, 1, { largeBlob: { write: BLOB } });
    const payload = await exportVault(v.db, await v.key(), v.codes(), { bypassOrigins: [] });
    expect(payload.passkeys[0]).toMatchObject({
      prfSecrets: { withUv: toBase64url(SECRETS.withUv), withoutUv: toBase64url(SECRETS.withoutUv) },
      largeBlobSupported: true,
      largeBlob: toBase64url(BLOB),
    });
    const text = await sealBackup(payload, 'correct horse battery staple', { scrypt: FAST });
    await resetVault(v.db, v.cache);
    const { payload: read } = await openBackup(text, 'correct horse battery staple');
    await restoreVault(v.db, await v.key(), v.codes(), read, 'skip', Date.UTC(2026, 10, 29));
    const key = await v.store.useForSigning('example.com', ID, 2, {
      prfSecrets: true,
      largeBlob: { read: true },
    });
    expect(key.prfSecrets).toEqual(SECRETS);
    expect(key.largeBlob).toEqual({ blob: BLOB });
  });

  it('reads backup files from before prf, and refuses a malformed prfSecrets', () => {
    const passkey = {
      credentialId: 'AQEB',
      rpId: 'example.com',
      rpName: 'Example',
      userHandle: 'dQ',
      userName: 'u',
      userDisplayName: 'U',
      discoverable: true,
      alg: -7,
      signCount: 0,
      createdAt: 1,
      lastUsedAt: null,
      privateKey: 'AA',
      publicKeyCose: 'AA',
    };
    const old = parseBackupPayload({ passkeys: [passkey], accounts: [] });
    expect(old.passkeys[0]?.prfSecrets).toBeUndefined();
    expect(() =>
      parseBackupPayload({ passkeys: [{ ...passkey, prfSecrets: { withUv: 'AA' } }], accounts: [] }),
    ).toThrow(/prfSecrets/);
  });

  it('carries the keys through a Credential Exchange export and import (hmacCredentials)', async () => {
    const v = await setup();
    await v.store.add(withExtensions());
    const payload = await exportVault(v.db, await v.key(), v.codes(), { bypassOrigins: [] });
    const { document } = payloadToCxf(payload, Date.UTC(2026, 10, 29));
    const text = JSON.stringify(document);
    expect(text).toContain('"hmacCredentials"');
    expect(text).toContain(toBase64url(SECRETS.withUv));
    const back = cxfToPayload(text, Date.UTC(2026, 10, 29));
    expect(back.payload.passkeys[0]?.prfSecrets).toEqual(payload.passkeys[0]?.prfSecrets);
  });
});

describe('prf-secrets layout', () => {
  it('round-trips keys of any length and rejects cut or padded plaintext', () => {
    const odd = { withUv: new Uint8Array(20).fill(1), withoutUv: new Uint8Array(48).fill(2) };
    expect(decodePrfSecrets(encodePrfSecrets(odd))).toEqual(odd);
    const encoded = encodePrfSecrets(SECRETS);
    expect(() => decodePrfSecrets(encoded.subarray(0, 40))).toThrow();
    expect(() => decodePrfSecrets(Uint8Array.of(...encoded, 0))).toThrow();
  });
});
