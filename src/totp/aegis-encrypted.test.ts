/**
 * test/fixtures/totp/aegis-encrypted.json is aegis-plain.json encrypted by Node's own crypto
 * (make-encrypted.mjs beside it), password "tapkey-test", with a biometric slot before the password
 * slot: opening it checks our scrypt, WebCrypto AES-GCM and slot handling against OpenSSL.
 */
import { describe, expect, it } from 'vitest';
import { importAegisJson } from './aegis.ts';
import { importAegisEncrypted } from './aegis-encrypted.ts';
import { WrongPasswordError } from './import-backup-errors.ts';
import { readFixture } from './testing/fixtures.ts';

const PASSWORD = 'tapkey-test';

/** A fresh copy of the encrypted fixture, to change. */
function vault() {
  return JSON.parse(readFixture('aegis-encrypted.json'));
}

/** `hex` with the byte at `index` changed. */
function flipHex(hex: string, index: number): string {
  const byte = Number.parseInt(hex.slice(2 * index, 2 * index + 2), 16) ^ 0x01;
  return hex.slice(0, 2 * index) + byte.toString(16).padStart(2, '0') + hex.slice(2 * index + 2);
}

/** `base64` with the byte at `index` changed. */
function flipBase64(base64: string, index: number): string {
  const bytes = Buffer.from(base64, 'base64');
  bytes[index]! ^= 0x01;
  return bytes.toString('base64');
}

const DAMAGED = /^this Aegis backup is damaged: the password is right, but the vault contents fail/;

describe('Aegis encrypted vault', { timeout: 30_000 }, () => {
  it('opens with the password, giving what the plain vault gives', async () => {
    const plain = importAegisJson(readFixture('aegis-plain.json'));
    const result = await importAegisEncrypted(vault(), PASSWORD);
    expect(result).toEqual(plain);
    expect(result.accounts).toHaveLength(5);
    expect(result.issues.map((i) => i.where)).toEqual(['entry 6 (Yandex: Ava)', 'entry 7 (Broken: Liam)']);
  });

  it('says a wrong password is wrong', async () => {
    const attempt = importAegisEncrypted(vault(), 'tapkey-tesT');
    await expect(attempt).rejects.toBeInstanceOf(WrongPasswordError);
    await expect(attempt).rejects.toThrow(new WrongPasswordError('aegis'));
    await expect(attempt).rejects.toMatchObject({
      message: 'wrong password for this Aegis backup',
      format: 'aegis',
    });
    await expect(importAegisEncrypted(vault(), '')).rejects.toBeInstanceOf(WrongPasswordError);
  });

  it('refuses a changed byte in the vault contents, their tag or their nonce', async () => {
    for (const change of [
      (v: ReturnType<typeof vault>) => {
        v.db = flipBase64(v.db, 0);
      },
      (v: ReturnType<typeof vault>) => {
        v.db = flipBase64(v.db, Buffer.from(v.db, 'base64').length - 1);
      },
      (v: ReturnType<typeof vault>) => {
        v.header.params.tag = flipHex(v.header.params.tag, 15);
      },
      (v: ReturnType<typeof vault>) => {
        v.header.params.nonce = flipHex(v.header.params.nonce, 0);
      },
    ]) {
      const changed = vault();
      change(changed);
      await expect(importAegisEncrypted(changed, PASSWORD)).rejects.toThrow(DAMAGED);
    }
  });

  it('refuses vault contents that were cut off', async () => {
    const cut = vault();
    cut.db = Buffer.from(cut.db, 'base64').subarray(0, 100).toString('base64');
    await expect(importAegisEncrypted(cut, PASSWORD)).rejects.toThrow(DAMAGED);
    const empty = vault();
    empty.db = '';
    await expect(importAegisEncrypted(empty, PASSWORD)).rejects.toThrow(DAMAGED);
  });

  it('takes a changed password slot for a wrong password (AES-GCM cannot tell them apart)', async () => {
    const changed = vault();
    changed.header.slots[1].key = flipHex(changed.header.slots[1].key, 3);
    await expect(importAegisEncrypted(changed, PASSWORD)).rejects.toBeInstanceOf(WrongPasswordError);
  });

  it('skips raw, biometric and unknown slots before the password slot', async () => {
    const withOthers = vault();
    const [biometric, password] = withOthers.header.slots;
    expect(biometric.type).toBe(2);
    withOthers.header.slots = [{ ...biometric, type: 0 }, biometric, { type: 9 }, 'junk', password];
    const result = await importAegisEncrypted(withOthers, PASSWORD);
    expect(result.accounts).toHaveLength(5);
  });

  it('tries every password slot in turn', async () => {
    const twoPasswords = vault();
    const password = twoPasswords.header.slots[1];
    // A second password slot whose salt does not match: the password fails there, then opens the next.
    const decoy = { ...password, salt: flipHex(password.salt, 0), is_backup: true };
    twoPasswords.header.slots = [decoy, password];
    expect((await importAegisEncrypted(twoPasswords, PASSWORD)).accounts).toHaveLength(5);
  });

  it('explains a vault without a password slot', async () => {
    const biometricOnly = vault();
    biometricOnly.header.slots = [biometricOnly.header.slots[0]];
    await expect(importAegisEncrypted(biometricOnly, PASSWORD)).rejects.toThrow(
      'this Aegis backup has no password slot, so only the phone that made it can open it',
    );
  });

  it.each([
    ['salt', 'xyz', "this Aegis backup's key slot 2 (a password slot) is damaged: salt is not hex"],
    [
      'key',
      'abcd',
      'key slot 2 (a password slot) is damaged: key is 2 bytes; expected an encrypted 32-byte key',
    ],
    ['n', '32768', 'key slot 2 (a password slot) is damaged: n is a text; expected a number'],
    ['r', undefined, 'key slot 2 (a password slot) is damaged: r is missing'],
    ['key_params', null, 'key slot 2 (a password slot) is damaged: key_params is missing'],
    ['n', 2 ** 22, 'is damaged: scrypt parameters n=4194304, r=8, p=1 ask for far more work than Aegis uses'],
  ])('refuses a password slot whose %s is %j', async (field, value, message) => {
    const broken = vault();
    broken.header.slots[1][field] = value;
    await expect(importAegisEncrypted(broken, PASSWORD)).rejects.toThrow(message);
  });

  it.each([
    [(v: ReturnType<typeof vault>) => delete v.header.params, "this Aegis backup's header.params is missing"],
    [
      (v: ReturnType<typeof vault>) => (v.header.params.tag = 'abcd'),
      "this Aegis backup's header.params.tag is 2 bytes; expected 16",
    ],
    [
      (v: ReturnType<typeof vault>) => (v.header.params.nonce = 'nope'),
      "this Aegis backup's header.params.nonce is not hex",
    ],
    [(v: ReturnType<typeof vault>) => (v.db = 'not base64!'), "this Aegis backup's db is not base64"],
    [
      (v: ReturnType<typeof vault>) => (v.header.slots = {}),
      "this Aegis backup's header.slots is not a list",
    ],
    [
      (v: ReturnType<typeof vault>) => (v.db = { version: 1, entries: [] }),
      'this Aegis vault is not encrypted (its db is not text)',
    ],
    [
      (v: ReturnType<typeof vault>) => delete v.header,
      'this file is not an Aegis vault (it has no header and db)',
    ],
  ])('refuses a malformed vault (%#)', async (change, message) => {
    const broken = vault();
    change(broken);
    await expect(importAegisEncrypted(broken, PASSWORD)).rejects.toThrow(new TypeError(message));
  });
});
