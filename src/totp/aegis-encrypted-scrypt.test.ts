import { randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkScryptParams, scrypt } from './aegis-encrypted-scrypt.ts';

const text = (s: string) => new TextEncoder().encode(s);
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('scrypt', () => {
  // RFC 7914 §12, the first three vectors (the fourth needs 1 GiB, beyond Tapkey's limit).
  it.each([
    [
      '',
      '',
      { n: 16, r: 1, p: 1 },
      '77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442' +
        'fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906',
    ],
    [
      'password',
      'NaCl',
      { n: 1024, r: 8, p: 16 },
      'fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162' +
        '2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640',
    ],
    [
      'pleaseletmein',
      'SodiumChloride',
      { n: 16384, r: 8, p: 1 },
      '7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2' +
        'd5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887',
    ],
  ])('matches RFC 7914 for P=%j, S=%j', async (password, salt, params, expected) => {
    expect(hex(await scrypt(text(password), text(salt), params, 64))).toBe(expected);
  });

  it("agrees with Node's crypto.scryptSync (OpenSSL) on random inputs", async () => {
    for (let i = 0; i < 12; i++) {
      const password = randomBytes((i * 11) % 80);
      const salt = randomBytes((i * 7) % 70);
      const n = 2 ** (1 + (i % 9));
      const r = 1 + (i % 4);
      const p = 1 + (i % 3);
      const length = 1 + i * 6;
      const ours = hex(await scrypt(password, salt, { n, r, p }, length));
      expect(ours, `i=${i}`).toBe(scryptSync(password, salt, length, { N: n, r, p }).toString('hex'));
    }
  });

  it("agrees with Node at Aegis' parameters", async () => {
    const salt = randomBytes(32);
    const node = scryptSync('pässwörd', salt, 32, { N: 32768, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
    expect(hex(await scrypt(text('pässwörd'), salt, { n: 32768, r: 8, p: 1 }, 32))).toBe(
      node.toString('hex'),
    );
  });

  it.each([
    [{ n: 1, r: 8, p: 1 }, 'scrypt n is 1; expected a power of 2 greater than 1'],
    [{ n: 1000, r: 8, p: 1 }, 'scrypt n is 1000; expected a power of 2 greater than 1'],
    [{ n: 1024, r: 0, p: 1 }, 'scrypt r is 0; expected a positive whole number'],
    [{ n: 1024, r: 8, p: 1.5 }, 'scrypt p is 1.5; expected a positive whole number'],
    [{ n: 2 ** 20, r: 8, p: 1 }, 'scrypt parameters n=1048576, r=8, p=1 ask for far more work than Aegis'],
    [{ n: 32768, r: 8, p: 64 }, 'scrypt parameters n=32768, r=8, p=64 ask for far more work than Aegis'],
    [{ n: 2 ** 40, r: 1, p: 1 }, 'ask for far more work than Aegis'],
  ])('refuses %j', (params, message) => {
    expect(() => checkScryptParams(params)).toThrow(message);
  });

  it("accepts Aegis' parameters", () => {
    expect(() => checkScryptParams({ n: 32768, r: 8, p: 1 })).not.toThrow();
  });
});
