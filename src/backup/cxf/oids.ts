/**
 * Object identifiers of PKCS#8 AlgorithmIdentifiers, as DER OID contents (X.690 §8.19). The two
 * Tapkey uses, and the names of common others so that a refused key can say what it was.
 */
import { equal, fromHex, toHex } from '../../shared/bytes.ts';

/** id-ecPublicKey, 1.2.840.10045.2.1 (RFC 5480 §2.1.1). */
export const OID_EC_PUBLIC_KEY = fromHex('2a8648ce3d0201');
/** secp256r1 / prime256v1 / P-256, 1.2.840.10045.3.1.7 (RFC 5480 §2.1.1.1). */
export const OID_P256 = fromHex('2a8648ce3d030107');
/** id-Ed25519, 1.3.101.112 (RFC 8410 §3). */
export const OID_ED25519 = fromHex('2b6570');

const NAMES: ReadonlyMap<string, string> = new Map([
  ['2a864886f70d010101', 'an RSA key'],
  ['2a8648ce3d0201', 'an EC key'],
  ['2b6570', 'an Ed25519 key'],
  ['2b6571', 'an Ed448 key'],
  ['2b656e', 'an X25519 key'],
  ['2b656f', 'an X448 key'],
  ['2a8648ce3d030107', 'P-256'],
  ['2b81040022', 'P-384'],
  ['2b81040023', 'P-521'],
  ['2b8104000a', 'secp256k1'],
]);

/** True when the two OIDs are the same. */
export function sameOid(a: Uint8Array, b: Uint8Array): boolean {
  return equal(a, b);
}

/** "an RSA key", "P-384", or the dotted form when the OID is not one of the common ones. */
export function describeOid(oid: Uint8Array): string {
  return NAMES.get(toHex(oid)) ?? `OID ${dotted(oid)}`;
}

/** X.690 §8.19: base-128 subidentifiers (high bit: more follows); the first one is 40·X + Y. */
function dotted(oid: Uint8Array): string {
  const values: number[] = [];
  let value = 0;
  for (const byte of oid) {
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      values.push(value);
      value = 0;
    }
  }
  const [first, ...rest] = values;
  if (first === undefined) return '(empty)';
  const x = Math.min(2, Math.floor(first / 40));
  return [x, first - 40 * x, ...rest].join('.');
}
