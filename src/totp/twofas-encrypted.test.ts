/**
 * test/fixtures/totp/twofas-encrypted.2fas is twofas-plain.2fas encrypted by Node's own crypto
 * (make-encrypted.mjs beside it), password "tapkey-test": opening it checks our WebCrypto PBKDF2 and
 * AES-GCM use and the `data:salt:iv` parsing against OpenSSL.
 */
import { describe, expect, it } from 'vitest';
import { WrongPasswordError } from './import-backup-errors.ts';
import { readFixture } from './testing/fixtures.ts';
import { importTwoFasJson } from './twofas.ts';
import { importTwoFasEncrypted } from './twofas-encrypted.ts';

const PASSWORD = 'tapkey-test';

/** A fresh copy of the encrypted fixture, to change. */
function backup() {
  return JSON.parse(readFixture('twofas-encrypted.2fas'));
}

/** A `data:salt:iv` field with the byte at `index` of its data (ciphertext ‖ tag) changed. */
function flipData(field: string, index: number): string {
  const [data, ...rest] = field.split(':');
  const bytes = Buffer.from(data!, 'base64');
  bytes[(index + bytes.length) % bytes.length]! ^= 0x01;
  return [bytes.toString('base64'), ...rest].join(':');
}

const DAMAGED = /^this 2FAS backup is damaged: the password is right, but its services fail/;

describe('2FAS encrypted backup', () => {
  it('opens with the password, giving what the plain backup gives', async () => {
    const plain = importTwoFasJson(readFixture('twofas-plain.2fas'));
    const result = await importTwoFasEncrypted(backup(), PASSWORD);
    expect(result).toEqual(plain);
    expect(result.accounts).toHaveLength(4);
    expect(result.issues.map((i) => i.where)).toEqual(['service 5 (Weird)', 'service 6 (NoSecret)']);
  });

  it('says a wrong password is wrong', async () => {
    const attempt = importTwoFasEncrypted(backup(), 'Tapkey-test');
    await expect(attempt).rejects.toBeInstanceOf(WrongPasswordError);
    await expect(attempt).rejects.toThrow(new WrongPasswordError('2fas'));
    await expect(attempt).rejects.toMatchObject({
      message: 'wrong password for this 2FAS backup',
      format: '2fas',
    });
    await expect(importTwoFasEncrypted(backup(), '')).rejects.toBeInstanceOf(WrongPasswordError);
  });

  it('refuses a changed byte in the services or their tag, once the reference proves the password', async () => {
    for (const index of [0, 40, -16, -1]) {
      const changed = backup();
      changed.servicesEncrypted = flipData(changed.servicesEncrypted, index);
      await expect(importTwoFasEncrypted(changed, PASSWORD)).rejects.toThrow(DAMAGED);
    }
    const otherIv = backup();
    const [data, salt] = otherIv.servicesEncrypted.split(':');
    otherIv.servicesEncrypted = [data, salt, Buffer.alloc(12).toString('base64')].join(':');
    await expect(importTwoFasEncrypted(otherIv, PASSWORD)).rejects.toThrow(DAMAGED);
  });

  it('takes a changed reference for a wrong password (AES-GCM cannot tell them apart)', async () => {
    const changed = backup();
    changed.reference = flipData(changed.reference, 0);
    await expect(importTwoFasEncrypted(changed, PASSWORD)).rejects.toBeInstanceOf(WrongPasswordError);
  });

  it('opens a backup without a reference, where a failure can only be called a wrong password', async () => {
    const noReference = backup();
    delete noReference.reference;
    expect((await importTwoFasEncrypted(noReference, PASSWORD)).accounts).toHaveLength(4);
    await expect(importTwoFasEncrypted(noReference, 'nope')).rejects.toBeInstanceOf(WrongPasswordError);
  });

  it('refuses services that were cut off', async () => {
    const cut = backup();
    const [data, ...rest] = cut.servicesEncrypted.split(':');
    const shorter = Buffer.from(data, 'base64').subarray(0, 200).toString('base64');
    cut.servicesEncrypted = [shorter, ...rest].join(':');
    await expect(importTwoFasEncrypted(cut, PASSWORD)).rejects.toThrow(DAMAGED);
    const tiny = backup();
    tiny.servicesEncrypted = ['AAAA', ...rest].join(':');
    await expect(importTwoFasEncrypted(tiny, PASSWORD)).rejects.toThrow(
      "this 2FAS backup's servicesEncrypted is too short to hold an AES-GCM tag (it was cut off)",
    );
  });

  it.each([
    [
      'servicesEncrypted',
      'abc:def',
      "this 2FAS backup's servicesEncrypted is not in 2FAS' data:salt:iv form",
    ],
    [
      'servicesEncrypted',
      'a:b:c:d',
      "this 2FAS backup's servicesEncrypted is not in 2FAS' data:salt:iv form",
    ],
    ['servicesEncrypted', '', 'this file is not an encrypted 2FAS backup (it has no servicesEncrypted)'],
    ['reference', 'AAAA', "this 2FAS backup's reference is not in 2FAS' data:salt:iv form"],
    ['reference', '!!!!:AAAA:AAAA', "this 2FAS backup's reference (part 1) is not base64"],
  ])('refuses %s = %j', async (field, value, message) => {
    const broken = backup();
    broken[field] = value;
    await expect(importTwoFasEncrypted(broken, PASSWORD)).rejects.toThrow(new TypeError(message));
  });

  it('refuses decrypted services that are not a list', async () => {
    // What a 2FAS file sealing something else would give; made with the fixture's key via WebCrypto.
    const { servicesEncrypted } = backup();
    const [, saltB64] = servicesEncrypted.split(':');
    const salt = Buffer.from(saltB64, 'base64');
    const subtle = globalThis.crypto.subtle;
    const base = await subtle.importKey('raw', new TextEncoder().encode(PASSWORD), 'PBKDF2', false, [
      'deriveKey',
    ]);
    const key = await subtle.deriveKey(
      { name: 'PBKDF2', hash: 'SHA-256', salt, iterations: 10_000 },
      base,
      { name: 'AES-GCM', length: 256 },
      false,
      ['encrypt'],
    );
    const iv = new Uint8Array(12);
    const sealed = await subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode('{"a":1}'));
    const odd = backup();
    delete odd.reference;
    odd.servicesEncrypted = [Buffer.from(sealed), salt, iv]
      .map((b) => Buffer.from(b).toString('base64'))
      .join(':');
    await expect(importTwoFasEncrypted(odd, PASSWORD)).rejects.toThrow(
      'this 2FAS backup has no list of services',
    );
  });
});
