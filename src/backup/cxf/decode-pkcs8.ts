/**
 * Reads the PKCS#8 private key of an imported CXF passkey (CXF §3.3.12 `key`) back to the raw form the
 * authenticator signs with, and finds its algorithm there: CXF has no algorithm member.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { p256 } from '@noble/curves/nist.js';
import { equal } from '../../shared/bytes.ts';
import { type DerElement, hexByte, readDerElements, readDerOne, TAG } from './der.ts';
import { describeOid, OID_EC_PUBLIC_KEY, OID_ED25519, OID_P256, sameOid } from './oids.ts';
import type { CxfPasskeyAlg } from './types.ts';

/** A private key as the authenticator keeps it. */
export interface RawPrivateKey {
  alg: CxfPasskeyAlg;
  /** The 32-byte P-256 scalar (ES256) or Ed25519 seed (EdDSA). */
  privateKey: Uint8Array;
}

const ONLY = 'Tapkey holds ES256 (P-256) and EdDSA (Ed25519) passkeys only';

/**
 * Decodes a PKCS#8 PrivateKeyInfo (RFC 5208) or OneAsymmetricKey (RFC 5958, v1 or v2) holding a P-256
 * key (RFC 5480 / RFC 5915) or an Ed25519 key (RFC 8410). When the encoding carries a public key
 * (ECPrivateKey `publicKey`, or OneAsymmetricKey `publicKey`) it must be the one the private key
 * gives: CXF §3.3.12 says the key "MUST give the same public key" the RP registered, and a mismatch
 * means the export is damaged.
 *
 * @throws TypeError starting with "key", saying what is wrong, never quoting key bytes.
 */
export function decodePkcs8(der: Uint8Array): RawPrivateKey {
  const info = readDerElements(readDerOne(der, TAG.SEQUENCE, 'key (PKCS#8 PrivateKeyInfo)'), 'key');
  const [version, algorithm, privateKey, ...rest] = info;
  // RFC 5958 §2: version is v1 (0), or v2 (1) when a public key follows.
  expectTag(version, TAG.INTEGER, 'key version');
  if (version.contents.length !== 1 || version.contents[0]! > 1) {
    throw new TypeError('key has a PKCS#8 version other than 0 or 1');
  }
  expectTag(algorithm, TAG.SEQUENCE, 'key algorithm');
  expectTag(privateKey, TAG.OCTET_STRING, 'key privateKey');
  // RFC 5958 §2: [0] attributes (nothing Tapkey uses), then [1] publicKey (an IMPLICIT BIT STRING).
  if (rest[0]?.tag === TAG.CONTEXT_0) rest.shift();
  const outerPublicKey = rest[0]?.tag === TAG.CONTEXT_1_PRIMITIVE ? rest.shift()?.contents : undefined;
  if (rest.length > 0)
    throw new TypeError(`key has an unexpected element (DER tag ${hexByte(rest[0]!.tag)})`);

  const [oid, parameters, ...more] = readDerElements(algorithm.contents, 'key algorithm');
  expectTag(oid, TAG.OID, 'key algorithm OID');
  if (sameOid(oid.contents, OID_EC_PUBLIC_KEY)) {
    // RFC 5480 §2.1.1: the parameters are the namedCurve OID (implicit and specified curves are out).
    expectTag(parameters, TAG.OID, 'key curve');
    if (!sameOid(parameters.contents, OID_P256)) {
      throw new TypeError(`key is an EC key on ${describeOid(parameters.contents)}; ${ONLY}`);
    }
    if (more.length > 0) throw new TypeError('key algorithm has more than a curve');
    return { alg: -7, privateKey: readP256(privateKey.contents, outerPublicKey) };
  }
  if (sameOid(oid.contents, OID_ED25519)) {
    // RFC 8410 §3: "the parameters MUST be absent".
    if (parameters !== undefined)
      throw new TypeError('key algorithm Ed25519 has parameters, which RFC 8410 forbids');
    return { alg: -8, privateKey: readEd25519(privateKey.contents, outerPublicKey) };
  }
  throw new TypeError(`key is ${describeOid(oid.contents)}; ${ONLY}`);
}

/** RFC 5915 §3: ECPrivateKey ::= SEQUENCE { 1, privateKey OCTET STRING, [0] parameters?, [1] publicKey? }. */
function readP256(contents: Uint8Array, outerPublicKey: Uint8Array | undefined): Uint8Array {
  const [version, scalar, ...rest] = readDerElements(
    readDerOne(contents, TAG.SEQUENCE, 'key (RFC 5915 ECPrivateKey)'),
    'key (RFC 5915 ECPrivateKey)',
  );
  expectTag(version, TAG.INTEGER, 'key ECPrivateKey version');
  if (version.contents.length !== 1 || version.contents[0] !== 1) {
    throw new TypeError('key has an ECPrivateKey version other than 1');
  }
  expectTag(scalar, TAG.OCTET_STRING, 'key ECPrivateKey privateKey');
  // RFC 5915 §3 fixes the length at 32 for P-256; some encoders drop leading zero bytes, so pad.
  if (scalar.contents.length > 32)
    throw new TypeError(`key has a ${scalar.contents.length}-byte P-256 scalar`);
  const privateKey = new Uint8Array(32);
  privateKey.set(scalar.contents, 32 - scalar.contents.length);
  if (!p256.utils.isValidSecretKey(privateKey)) {
    throw new TypeError('key is not a valid P-256 scalar (it must be from 1 to n − 1)');
  }
  let innerPublicKey: Uint8Array | undefined;
  for (const element of rest) {
    if (element.tag === TAG.CONTEXT_0) {
      // RFC 5915 §3: parameters, when present, name the same curve.
      const curve = readDerOne(element.contents, TAG.OID, 'key ECPrivateKey parameters');
      if (!sameOid(curve, OID_P256)) throw new TypeError('key ECPrivateKey parameters name another curve');
    } else if (element.tag === TAG.CONTEXT_1) {
      innerPublicKey = readDerOne(element.contents, TAG.BIT_STRING, 'key ECPrivateKey publicKey');
    } else {
      throw new TypeError(`key ECPrivateKey has an unexpected element (DER tag ${hexByte(element.tag)})`);
    }
  }
  for (const bits of [innerPublicKey, outerPublicKey]) {
    if (bits === undefined) continue;
    const point = bitStringBytes(bits);
    const derived = p256.getPublicKey(privateKey, point.length !== 65);
    if (!equal(point, derived)) throw new TypeError('key holds a public key that is not its own');
  }
  return privateKey;
}

/** RFC 8410 §7: CurvePrivateKey ::= OCTET STRING, the 32-byte seed. */
function readEd25519(contents: Uint8Array, outerPublicKey: Uint8Array | undefined): Uint8Array {
  const seed = readDerOne(contents, TAG.OCTET_STRING, 'key (RFC 8410 CurvePrivateKey)');
  if (seed.length !== 32) throw new TypeError(`key has a ${seed.length}-byte Ed25519 seed; expected 32`);
  if (outerPublicKey !== undefined && !equal(bitStringBytes(outerPublicKey), ed25519.getPublicKey(seed))) {
    throw new TypeError('key holds a public key that is not its own');
  }
  return seed.slice();
}

/** X.690 §8.6.2: a BIT STRING's first byte counts unused bits; keys use whole bytes. */
function bitStringBytes(contents: Uint8Array): Uint8Array {
  if (contents[0] !== 0) throw new TypeError('key has a public key BIT STRING that is not whole bytes');
  return contents.subarray(1);
}

function expectTag(
  element: DerElement | undefined,
  tag: number,
  what: string,
): asserts element is DerElement {
  if (element === undefined) throw new TypeError(`${what} is missing`);
  if (element.tag !== tag)
    throw new TypeError(`${what} has DER tag ${hexByte(element.tag)}; expected ${hexByte(tag)}`);
}
