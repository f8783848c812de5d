/**
 * PKCS#8 for CXF §3.3.12 `key`, checked against Node's crypto (OpenSSL), an implementation independent
 * of ours, in both directions, and against the vectors in test/fixtures/cxf/pkcs8-vectors.json.
 */
import {
  createECDH,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { ed25519 } from '@noble/curves/ed25519.js';
import { p256 } from '@noble/curves/nist.js';
import { describe, expect, it } from 'vitest';
import { concat, fromBase64url, fromHex, toHex } from '../../shared/bytes.ts';
import { thrownBy } from '../../shared/testing/thrown.ts';
import { decodePkcs8 } from './decode-pkcs8.ts';
import { TAG, writeDer } from './der.ts';
import { encodePkcs8 } from './encode-pkcs8.ts';
import { readCxfFixture } from './testing/fixtures.ts';

interface Vector {
  name: string;
  der: string;
  seed?: string;
  scalar?: string;
  publicKey: string;
}
const VECTORS = JSON.parse(readCxfFixture('pkcs8-vectors.json')) as { ed25519: Vector[]; p256: Vector[] };

/** Node's view of a PKCS#8 key: the raw private key (JWK `d`) and the raw public key. */
function nodeImport(der: Uint8Array): { kind: string | undefined; d: Uint8Array; publicKey: Uint8Array } {
  const key = createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' });
  const jwk = key.export({ format: 'jwk' });
  return {
    kind: key.asymmetricKeyType,
    d: fromBase64url(jwk.d!),
    publicKey: rawPublicKey(createPublicKey(key)),
  };
}

/** The raw public key from Node: the SEC1 point (P-256) or the 32 bytes (Ed25519) after the SPKI header. */
function rawPublicKey(key: KeyObject): Uint8Array {
  const spki = new Uint8Array(key.export({ format: 'der', type: 'spki' }));
  return spki.subarray(key.asymmetricKeyType === 'ec' ? 26 : 12);
}

function nodePkcs8(key: KeyObject): Uint8Array {
  return new Uint8Array(key.export({ format: 'der', type: 'pkcs8' }));
}

describe('encodePkcs8', () => {
  it('writes the spec example’s P-256 key byte for byte (CXF Appendix A)', () => {
    const [vector] = VECTORS.p256;
    expect(toHex(encodePkcs8(-7, fromHex(vector!.scalar!)))).toBe(vector!.der);
  });

  it('writes the RFC 8410 §10.3 Ed25519 example byte for byte', () => {
    const [vector] = VECTORS.ed25519;
    expect(toHex(encodePkcs8(-8, fromHex(vector!.seed!)))).toBe(vector!.der);
  });

  /** The public key OpenSSL computes from a P-256 scalar alone (not read back from our encoding). */
  const opensslP256 = (scalar: Uint8Array) => {
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(Buffer.from(scalar));
    return new Uint8Array(ecdh.getPublicKey());
  };

  it.each([
    ['P-256', -7, () => p256.utils.randomSecretKey(), 'ec', opensslP256],
    [
      'Ed25519',
      -8,
      () => ed25519.utils.randomSecretKey(),
      'ed25519',
      (seed: Uint8Array) => ed25519.getPublicKey(seed),
    ],
  ] as const)(
    'writes %s keys that Node imports, with the same public key',
    (_name, alg, make, kind, publicOf) => {
      for (let i = 0; i < 20; i++) {
        const key = make();
        const node = nodeImport(encodePkcs8(alg, key));
        expect(node.kind).toBe(kind);
        expect(toHex(node.d)).toBe(toHex(key));
        expect(toHex(node.publicKey)).toBe(toHex(publicOf(key)));
      }
    },
  );

  it('writes the same bytes Node writes for the same key', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    expect(toHex(encodePkcs8(-7, nodeImport(nodePkcs8(ec)).d))).toBe(toHex(nodePkcs8(ec)));
    const ed = generateKeyPairSync('ed25519').privateKey;
    expect(toHex(encodePkcs8(-8, nodeImport(nodePkcs8(ed)).d))).toBe(toHex(nodePkcs8(ed)));
  });

  it('refuses keys that are not 32 bytes or not P-256 scalars', () => {
    expect(() => encodePkcs8(-8, new Uint8Array(31))).toThrow('the private key is 31 bytes; expected 32');
    expect(() => encodePkcs8(-7, new Uint8Array(32))).toThrow('not a P-256 scalar');
    expect(() => encodePkcs8(-7, new Uint8Array(32).fill(0xff))).toThrow('not a P-256 scalar');
  });
});

describe('decodePkcs8', () => {
  it('reads the vectors', () => {
    for (const vector of VECTORS.p256) {
      expect(decodePkcs8(fromHex(vector.der))).toEqual({ alg: -7, privateKey: fromHex(vector.scalar!) });
      expect(toHex(p256.getPublicKey(fromHex(vector.scalar!), false))).toBe(vector.publicKey);
    }
    for (const vector of VECTORS.ed25519) {
      expect(decodePkcs8(fromHex(vector.der))).toEqual({ alg: -8, privateKey: fromHex(vector.seed!) });
      expect(toHex(ed25519.getPublicKey(fromHex(vector.seed!)))).toBe(vector.publicKey);
    }
  });

  it('reads P-256 and Ed25519 keys that Node generated', () => {
    for (let i = 0; i < 10; i++) {
      const ec = nodePkcs8(generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey);
      expect(decodePkcs8(ec)).toEqual({ alg: -7, privateKey: nodeImport(ec).d });
      const ed = nodePkcs8(generateKeyPairSync('ed25519').privateKey);
      expect(decodePkcs8(ed)).toEqual({ alg: -8, privateKey: nodeImport(ed).d });
    }
  });

  it('reads a P-256 key without the optional publicKey, and with SEC1 parameters', () => {
    // RFC 5915 §3 makes both [0] parameters and [1] publicKey optional inside ECPrivateKey.
    const scalar = fromHex(VECTORS.p256[0]!.scalar!);
    const ecPrivateKey = writeDer(
      TAG.SEQUENCE,
      writeDer(TAG.INTEGER, Uint8Array.of(1)),
      writeDer(TAG.OCTET_STRING, scalar),
      writeDer(TAG.CONTEXT_0, writeDer(TAG.OID, fromHex('2a8648ce3d030107'))),
    );
    const der = writeDer(
      TAG.SEQUENCE,
      writeDer(TAG.INTEGER, Uint8Array.of(0)),
      writeDer(
        TAG.SEQUENCE,
        writeDer(TAG.OID, fromHex('2a8648ce3d0201')),
        writeDer(TAG.OID, fromHex('2a8648ce3d030107')),
      ),
      writeDer(TAG.OCTET_STRING, ecPrivateKey),
    );
    expect(nodeImport(der).d).toEqual(scalar); // OpenSSL agrees it is a well-formed key
    expect(decodePkcs8(der)).toEqual({ alg: -7, privateKey: scalar });
  });

  it('reads a v2 Ed25519 key (RFC 5958 OneAsymmetricKey) and checks its public key', () => {
    const { der, seed, publicKey } = VECTORS.ed25519[0]!;
    const v2 = (pub: Uint8Array): Uint8Array => {
      const v1 = fromHex(der);
      // version 1, then the v1 body, then [1] IMPLICIT BIT STRING publicKey.
      const body = concat(writeDer(TAG.INTEGER, Uint8Array.of(1)), v1.subarray(5));
      return writeDer(TAG.SEQUENCE, body, writeDer(TAG.CONTEXT_1_PRIMITIVE, Uint8Array.of(0), pub));
    };
    expect(decodePkcs8(v2(fromHex(publicKey)))).toEqual({ alg: -8, privateKey: fromHex(seed!) });
    expect(() => decodePkcs8(v2(new Uint8Array(32).fill(7)))).toThrow(
      'key holds a public key that is not its own',
    );
  });

  it('refuses a P-256 key whose embedded public key is another key’s', () => {
    const der = fromHex(VECTORS.p256[0]!.der);
    der[der.length - 1]! ^= 1; // the last byte of the point's y coordinate
    expect(() => decodePkcs8(der)).toThrow('key holds a public key that is not its own');
  });

  it('names the keys it does not take', () => {
    const rsa = nodePkcs8(generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey);
    expect(() => decodePkcs8(rsa)).toThrow(
      'key is an RSA key; Tapkey holds ES256 (P-256) and EdDSA (Ed25519) passkeys only',
    );
    const p384 = nodePkcs8(generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey);
    expect(() => decodePkcs8(p384)).toThrow('key is an EC key on P-384; Tapkey holds');
    const ed448 = nodePkcs8(generateKeyPairSync('ed448').privateKey);
    expect(() => decodePkcs8(ed448)).toThrow('key is an Ed448 key; Tapkey holds');
  });

  it('refuses damaged encodings without quoting them', () => {
    const der = fromHex(VECTORS.p256[0]!.der);
    expect(() => decodePkcs8(der.subarray(0, 100))).toThrow('key (PKCS#8 PrivateKeyInfo) is cut short');
    expect(() => decodePkcs8(concat(der, Uint8Array.of(TAG.NULL, 0)))).toThrow(
      'is not a single DER element (it has 2)',
    );
    expect(() => decodePkcs8(new Uint8Array())).toThrow('is not a single DER element (it has 0)');
    expect(() => decodePkcs8(fromHex('0480'))).toThrow('indefinite length');
    const zero = fromHex(VECTORS.p256[0]!.der);
    zero.fill(0, 36, 68); // the scalar
    expect(() => decodePkcs8(zero)).toThrow('key is not a valid P-256 scalar');
    const error = thrownBy(() => decodePkcs8(der.subarray(0, 100)));
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).not.toContain('011bbf');
  });
});
