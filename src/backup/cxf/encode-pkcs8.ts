/**
 * A passkey's private key as PKCS#8 DER, the form CXF §3.3.12 requires for `key` ("PKCS#8 ASN.1 DER
 * formatted byte string"; it "MUST give the same public key" the RP registered).
 */
import { p256 } from '@noble/curves/nist.js';
import { TAG, writeDer } from './der.ts';
import { OID_EC_PUBLIC_KEY, OID_ED25519, OID_P256 } from './oids.ts';
import type { CxfPasskeyAlg } from './types.ts';

/**
 * Wraps a raw private key in a PKCS#8 PrivateKeyInfo (RFC 5208 §5 / RFC 5958 §2, version 0).
 *
 * - ES256: AlgorithmIdentifier id-ecPublicKey with the named curve P-256 (RFC 5480 §2.1.1), and an
 *   RFC 5915 ECPrivateKey *with* its `publicKey`, as OpenSSL, Node and WebCrypto write it and as the
 *   spec's own example (CXF Appendix A) has it; some importers cannot rebuild the point without it.
 * - EdDSA: id-Ed25519 and the 32-byte seed as a CurvePrivateKey (RFC 8410 §7), without a public key,
 *   as OpenSSL, Node and WebCrypto write it (the public key follows from the seed).
 *
 * @param alg - -7 (ES256), -8 (EdDSA), or -257 (RS256: already PKCS#8, returned as it is).
 * @param privateKey - The 32-byte P-256 scalar or Ed25519 seed.
 * @throws TypeError when the key is not 32 bytes or not a valid P-256 scalar.
 * @example
 * const der = encodePkcs8(-8, new Uint8Array(32)); // 48 bytes, 302e0201003005…
 */
export function encodePkcs8(alg: CxfPasskeyAlg, privateKey: Uint8Array): Uint8Array {
  // RS256 keys (workbench test profiles) are kept as PKCS#8 already.
  if (alg === -257) return privateKey;
  if (privateKey.length !== 32) {
    throw new TypeError(`the private key is ${privateKey.length} bytes; expected 32`);
  }
  if (alg === -7) {
    if (!p256.utils.isValidSecretKey(privateKey)) {
      throw new TypeError('the private key is not a P-256 scalar (it must be from 1 to n − 1)');
    }
    const publicKey = p256.getPublicKey(privateKey, false);
    const ecPrivateKey = writeDer(
      TAG.SEQUENCE,
      writeDer(TAG.INTEGER, Uint8Array.of(1)), // RFC 5915 §3: ecPrivkeyVer1
      writeDer(TAG.OCTET_STRING, privateKey),
      // RFC 5915 §3: publicKey [1] BIT STRING; 0 unused bits, then the uncompressed SEC1 point.
      writeDer(TAG.CONTEXT_1, writeDer(TAG.BIT_STRING, Uint8Array.of(0), publicKey)),
    );
    return privateKeyInfo(
      writeDer(TAG.SEQUENCE, writeDer(TAG.OID, OID_EC_PUBLIC_KEY), writeDer(TAG.OID, OID_P256)),
      ecPrivateKey,
    );
  }
  // Every 32-byte string is an Ed25519 seed (RFC 8032 §5.1.5), so there is nothing more to check.
  // RFC 8410 §3: the parameters MUST be absent. §7: privateKey holds CurvePrivateKey ::= OCTET STRING.
  return privateKeyInfo(
    writeDer(TAG.SEQUENCE, writeDer(TAG.OID, OID_ED25519)),
    writeDer(TAG.OCTET_STRING, privateKey),
  );
}

/** RFC 5208 §5: PrivateKeyInfo ::= SEQUENCE { version 0, privateKeyAlgorithm, privateKey OCTET STRING }. */
function privateKeyInfo(algorithm: Uint8Array, privateKey: Uint8Array): Uint8Array {
  return writeDer(
    TAG.SEQUENCE,
    writeDer(TAG.INTEGER, Uint8Array.of(0)),
    algorithm,
    writeDer(TAG.OCTET_STRING, privateKey),
  );
}
