/**
 * Export → JSON text → import gives back what went in (counters at 0, CXF §3.3.12), and a key that
 * went through signs so that Node verifies with the public key the RP registered.
 */
import { createPublicKey, verify } from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519.js';
import { p256 } from '@noble/curves/nist.js';
import { describe, expect, it } from 'vitest';
import { utf8 } from '../../shared/bytes.ts';
import { exportCxf } from './export-cxf.ts';
import { importCxf } from './import-cxf.ts';
import { exportOptions, sampleAccount, samplePasskey } from './testing/fixtures.ts';

const OPTIONS = exportOptions(1_700_000_000_000);

describe('CXF round trip', () => {
  it('gives back the passkeys and TOTP accounts it was given, and leaves out the rest', () => {
    const es256 = samplePasskey({ privateKey: p256.utils.randomSecretKey(), createdAt: 1_690_000_000_000 });
    const eddsa = samplePasskey({
      alg: -8,
      privateKey: ed25519.utils.randomSecretKey(),
      rpId: 'login.example.org',
      rpName: 'Example Org',
      userName: 'bob',
      userDisplayName: 'Bob B.',
      userHandle: new Uint8Array(64).fill(9),
      credentialId: new Uint8Array(300).fill(4),
      prfSecrets: { withUv: new Uint8Array(32).fill(1), withoutUv: new Uint8Array(32).fill(2) },
      credBlob: utf8('blob'),
      largeBlob: { uncompressedSize: 100, data: Uint8Array.of(7, 7, 7) },
      payments: true,
    });
    const counted = samplePasskey({ signCount: 5, rpId: 'counted.example' });
    const totp = sampleAccount({ algorithm: 'SHA256', digits: 8, period: 60 });
    const bare = sampleAccount({ issuer: '', accountName: 'plain' });
    const hotp = sampleAccount({ kind: 'hotp', counter: 3 });

    const exported = exportCxf({ passkeys: [es256, eddsa, counted], accounts: [totp, bare, hotp] }, OPTIONS);
    const imported = importCxf(JSON.stringify(exported.document));

    expect(exported.leftOut.map((entry) => entry.label)).toEqual([
      'alice@example.com on counted.example',
      'GitHub: alice',
    ]);
    expect(imported.issues).toEqual([]);
    expect(imported.exporter).toEqual({
      rpId: 'tapkey.example',
      displayName: 'Tapkey',
      timestamp: 1_700_000_000,
    });
    // `createdAt` survives to the second (CXF `creationAt` is Unix seconds).
    expect(imported.passkeys).toEqual([es256, { ...eddsa }]);
    expect(imported.passkeys.every((p) => p.signCount === 0)).toBe(true);
    expect(imported.accounts).toEqual([
      { ...totp },
      // The item's title ("plain") stands in for the missing issuer on the way back.
      { ...bare, issuer: 'plain' },
    ]);
  });

  it('imports a passkey whose key still signs for the RP’s public key', () => {
    for (const passkey of [
      samplePasskey({ privateKey: p256.utils.randomSecretKey() }),
      samplePasskey({ alg: -8, privateKey: ed25519.utils.randomSecretKey() }),
    ]) {
      const registered =
        passkey.alg === -7
          ? p256.getPublicKey(passkey.privateKey, false)
          : ed25519.getPublicKey(passkey.privateKey);
      const { document } = exportCxf({ passkeys: [passkey], accounts: [] }, OPTIONS);
      const [back] = importCxf(JSON.stringify(document)).passkeys;
      const message = utf8('authenticatorData || clientDataHash');
      const signature =
        back!.alg === -7
          ? p256.sign(message, back!.privateKey, { format: 'der', prehash: true })
          : ed25519.sign(message, back!.privateKey);
      const spki = Buffer.concat([
        Buffer.from(
          passkey.alg === -7
            ? '3059301306072a8648ce3d020106082a8648ce3d030107034200'
            : '302a300506032b6570032100',
          'hex',
        ),
        Buffer.from(registered),
      ]);
      const publicKey = createPublicKey({ key: spki, format: 'der', type: 'spki' });
      expect(verify(passkey.alg === -7 ? 'sha256' : null, message, publicKey, signature)).toBe(true);
    }
  });
});
