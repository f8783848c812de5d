/** The fixture shapes against node:crypto: its PKCS#8 and SPKI read ours, and ours read its keys. */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { BackupPasskey } from '../backup/backup-payload.ts';
import { fromBase64url, toBase64url } from '../shared/bytes.ts';
import { fromBase64, toBase64 } from './base64.ts';
import { fromCdp, fromPlaywright, importShapes, toCdp, toPlaywright } from './credential-shapes.ts';

function passkeyFromNode(alg: -7 | -8): BackupPasskey {
  const { privateKey } =
    alg === -7 ? generateKeyPairSync('ec', { namedCurve: 'P-256' }) : generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' });
  return {
    credentialId: toBase64url(Uint8Array.of(9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 250)),
    rpId: 'localhost',
    rpName: 'Demo',
    userHandle: toBase64url(Uint8Array.of(1, 2, 3, 4)),
    userName: 'alice',
    userDisplayName: 'Alice',
    discoverable: true,
    alg,
    signCount: 7,
    createdAt: 1,
    lastUsedAt: null,
    privateKey: jwk.d!,
    publicKeyCose: '',
  };
}

describe('Playwright and CDP credential shapes', () => {
  for (const alg of [-7, -8] as const) {
    it(`exports keys node:crypto reads and signs with (alg ${alg})`, () => {
      const p = passkeyFromNode(alg);
      const pw = toPlaywright(p);
      const key = createPrivateKey({
        key: Buffer.from(fromBase64url(pw.privateKey)),
        format: 'der',
        type: 'pkcs8',
      });
      expect(key.export({ format: 'jwk' }).d).toBe(p.privateKey);
      const spki = new Uint8Array(createPublicKey(key).export({ type: 'spki', format: 'der' }));
      expect(pw.publicKey).toBe(toBase64url(spki));
      const message = Buffer.from('hello');
      const signature = sign(alg === -7 ? 'sha256' : null, message, key);
      expect(
        verify(
          alg === -7 ? 'sha256' : null,
          message,
          createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' }),
          signature,
        ),
      ).toBe(true);

      const cdp = toCdp(p);
      expect(fromBase64(cdp.privateKey)).toEqual(fromBase64url(pw.privateKey));
      expect(cdp.credentialId).toBe(toBase64(fromBase64url(p.credentialId)));
      expect(cdp).toMatchObject({ isResidentCredential: true, rpId: 'localhost', signCount: 7 });
    });
  }

  it('imports keys node:crypto made, in both shapes, and round-trips', () => {
    const now = 1_800_000_000_000;
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pkcs8 = new Uint8Array(privateKey.export({ type: 'pkcs8', format: 'der' }));
    const spki = new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }));
    const pw = {
      id: toBase64url(Uint8Array.of(1, 1, 1, 1)),
      rpId: 'localhost',
      userHandle: toBase64url(Uint8Array.of(5)),
      privateKey: toBase64url(pkcs8),
      publicKey: toBase64url(spki),
      signCount: 3,
    };
    const imported = fromPlaywright(pw, now);
    expect(imported.privateKey).toBe(privateKey.export({ format: 'jwk' }).d);
    expect(imported).toMatchObject({ alg: -7, signCount: 3, discoverable: true, createdAt: now });
    expect(toPlaywright(imported)).toEqual(pw);

    const cdp = toCdp(imported);
    expect(fromCdp(cdp, now)).toMatchObject({
      credentialId: pw.id,
      privateKey: imported.privateKey,
      signCount: 3,
    });

    const both = importShapes(JSON.stringify([pw, cdp]), now);
    expect(both.shapes).toEqual(['playwright', 'cdp']);
    expect(both.passkeys).toHaveLength(2);
  });

  it('refuses a wrong public key, a bad rpId, a resident credential without user handle', () => {
    const now = 0;
    const a = toPlaywright(passkeyFromNode(-7));
    const b = toPlaywright(passkeyFromNode(-7));
    expect(() => fromPlaywright({ ...a, publicKey: b.publicKey }, now)).toThrow(/not the private key/);
    expect(() => fromPlaywright({ ...a, rpId: 'https://x' }, now)).toThrow(/rpId/);
    const cdp = toCdp(passkeyFromNode(-7));
    expect(() => fromCdp({ ...cdp, userHandle: undefined }, now)).toThrow(/userHandle/);
    expect(() => importShapes('not json', now)).toThrow(/JSON/);
    expect(() => importShapes(JSON.stringify([a, { id: 'x' }]), now)).toThrow(/credential 2/);
  });
});
