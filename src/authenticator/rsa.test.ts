/** RS256 against Node's own crypto (OpenSSL): the same signature bytes, the same SPKI. */
import { generateKeyPairSync, sign as nodeSign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { concat, utf8 } from '../shared/bytes.ts';
import { rsaPublicKey, rsaPublicParts, rsaSign, rsaSpki } from './rsa.ts';

describe('RS256', () => {
  for (const modulusLength of [1024, 2048]) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength });
    const pkcs8 = new Uint8Array(privateKey.export({ type: 'pkcs8', format: 'der' }));

    it(`signs as OpenSSL does, byte for byte (${modulusLength}-bit)`, () => {
      for (const message of [
        utf8(''),
        utf8('authenticatorData ‖ clientDataHash'),
        new Uint8Array(1000).fill(7),
      ]) {
        expect(Buffer.from(rsaSign(pkcs8, message))).toEqual(nodeSign('sha256', message, privateKey));
      }
    });

    it(`gives the SPKI and the n and e OpenSSL gives (${modulusLength}-bit)`, () => {
      const spki = new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }));
      expect(rsaSpki(rsaPublicKey(pkcs8))).toEqual(spki);
      const jwk = publicKey.export({ format: 'jwk' });
      const { n, e } = rsaPublicParts(rsaPublicKey(pkcs8));
      expect(Buffer.from(n).toString('base64url')).toBe(jwk.n);
      expect(Buffer.from(e).toString('base64url')).toBe(jwk.e);
    });
  }

  it('refuses what is not an RSA PKCS#8 key', () => {
    expect(() => rsaSign(utf8('not DER'), utf8('m'))).toThrow(/RSA key/);
    expect(() => rsaSign(concat(Uint8Array.of(0x30, 0x03), Uint8Array.of(2, 1, 0)), utf8('m'))).toThrow(
      /RSA key/,
    );
  });
});
