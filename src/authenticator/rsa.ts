/**
 * RS256 (RSASSA-PKCS1-v1_5 with SHA-256, RFC 8017 §8.2), for the workbench's test profiles only: the
 * default profile never offers it (profile.ts). The private key is kept as its PKCS#8 DER (RFC 5208
 * with an RFC 8017 RSAPrivateKey), made outside (the worker's WebCrypto, through the rsaKey port);
 * signing is here, in BigInt arithmetic with the CRT, so it is synchronous and deterministic like the
 * other two algorithms (PKCS#1 v1.5 signatures have no randomness).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { concat, fromHex } from '../shared/bytes.ts';

const SEQUENCE = 0x30;
const INTEGER = 0x02;
const OCTET_STRING = 0x04;
/** AlgorithmIdentifier rsaEncryption (1.2.840.113549.1.1.1) with NULL parameters, as DER. */
const RSA_ALGORITHM = fromHex('300d06092a864886f70d0101010500');
/** RFC 8017 §9.2 note 1: the DER of DigestInfo for SHA-256, before the 32-byte hash. */
const SHA256_DIGEST_INFO = fromHex('3031300d060960864801650304020105000420');

interface Tlv {
  tag: number;
  contents: Uint8Array;
  end: number;
}

function readTlv(bytes: Uint8Array, at: number): Tlv {
  const tag = bytes[at];
  let length = bytes[at + 1];
  if (tag === undefined || length === undefined) throw new TypeError('RSA key: DER truncated');
  let start = at + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4) throw new TypeError('RSA key: DER length not supported');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (bytes[start + i] ?? 0);
    start += count;
  }
  const end = start + length;
  if (end > bytes.length) throw new TypeError('RSA key: DER truncated');
  return { tag, contents: bytes.subarray(start, end), end };
}

function readSequence(bytes: Uint8Array): Tlv[] {
  const outer = readTlv(bytes, 0);
  if (outer.tag !== SEQUENCE) throw new TypeError('RSA key: not a DER SEQUENCE');
  const items: Tlv[] = [];
  for (let at = 0; at < outer.contents.length; ) {
    const item = readTlv(outer.contents, at);
    items.push(item);
    at = item.end;
  }
  return items;
}

const toBigInt = (bytes: Uint8Array): bigint => (bytes.length === 0 ? 0n : BigInt(`0x${hex(bytes)}`));
const hex = (bytes: Uint8Array): string => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');

/** Big-endian unsigned bytes of `value`, `length` long (I2OSP, RFC 8017 §4.1). */
function toBytes(value: bigint, length: number): Uint8Array {
  const text = value.toString(16).padStart(length * 2, '0');
  if (text.length > length * 2) throw new RangeError('integer too large');
  return fromHex(text);
}

/** The shortest big-endian bytes of a positive integer (COSE's n and e, RFC 8230 §4). */
function unsignedBytes(value: bigint): Uint8Array {
  const text = value.toString(16);
  return fromHex(text.length % 2 ? `0${text}` : text);
}

function derLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  const bytes = unsignedBytes(BigInt(length));
  return concat(Uint8Array.of(0x80 | bytes.length), bytes);
}

function der(tag: number, ...contents: Uint8Array[]): Uint8Array {
  const body = concat(...contents);
  return concat(Uint8Array.of(tag), derLength(body.length), body);
}

/** A DER INTEGER of a positive value: a leading zero byte when the high bit would make it negative. */
function derInteger(value: bigint): Uint8Array {
  const bytes = unsignedBytes(value);
  return der(INTEGER, (bytes[0] ?? 0) & 0x80 ? concat(Uint8Array.of(0), bytes) : bytes);
}

export interface RsaPrivateKey {
  n: bigint;
  e: bigint;
  d: bigint;
  p: bigint;
  q: bigint;
  dp: bigint;
  dq: bigint;
  qi: bigint;
}

/** Reads a PKCS#8 PrivateKeyInfo holding an RSAPrivateKey (RFC 5208, RFC 8017 A.1.2). */
export function readRsaPkcs8(pkcs8: Uint8Array): RsaPrivateKey {
  const [version, algorithm, privateKey] = readSequence(pkcs8);
  if (version?.tag !== INTEGER || algorithm?.tag !== SEQUENCE || privateKey?.tag !== OCTET_STRING) {
    throw new TypeError('RSA key: not a PKCS#8 PrivateKeyInfo');
  }
  const fields = readSequence(privateKey.contents).map((f) => toBigInt(f.contents));
  const [, n, e, d, p, q, dp, dq, qi] = fields;
  if (qi === undefined || n === undefined || e === undefined || d === undefined) {
    throw new TypeError('RSA key: the RSAPrivateKey is incomplete');
  }
  return { n, e, d, p: p as bigint, q: q as bigint, dp: dp as bigint, dq: dq as bigint, qi };
}

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
  }
  return result;
}

const byteLength = (n: bigint) => Math.ceil(n.toString(16).length / 2);

/** RSASSA-PKCS1-v1_5-SIGN with SHA-256 (RFC 8017 §8.2.1), over `message` (hashed here once). */
export function rsaSign(pkcs8: Uint8Array, message: Uint8Array): Uint8Array {
  const key = readRsaPkcs8(pkcs8);
  const k = byteLength(key.n);
  // EMSA-PKCS1-v1_5 (§9.2): 0x00 0x01 PS(0xff…) 0x00 DigestInfo ‖ H.
  const t = concat(SHA256_DIGEST_INFO, sha256(message));
  if (k < t.length + 11) throw new RangeError('RSA key: modulus too short');
  const em = concat(Uint8Array.of(0, 1), new Uint8Array(k - t.length - 3).fill(0xff), Uint8Array.of(0), t);
  const m = toBigInt(em);
  // RSASP1 with the CRT (§5.2.1 step 2b).
  const m1 = modPow(m, key.dp, key.p);
  const m2 = modPow(m, key.dq, key.q);
  const h = (key.qi * (((m1 - m2) % key.p) + key.p)) % key.p;
  return toBytes(m2 + h * key.q, k);
}

/** RSAPublicKey DER (RFC 8017 A.1.1): what Tapkey passes around as an RS256 credential's public key. */
export function rsaPublicKey(pkcs8: Uint8Array): Uint8Array {
  const { n, e } = readRsaPkcs8(pkcs8);
  return der(SEQUENCE, derInteger(n), derInteger(e));
}

/** n and e of an RSAPublicKey, as COSE wants them (RFC 8230 §4: unsigned, no leading zeros). */
export function rsaPublicParts(publicKey: Uint8Array): { n: Uint8Array; e: Uint8Array } {
  const [n, e] = readSequence(publicKey);
  if (n?.tag !== INTEGER || e?.tag !== INTEGER) throw new TypeError('not an RSAPublicKey');
  return { n: unsignedBytes(toBigInt(n.contents)), e: unsignedBytes(toBigInt(e.contents)) };
}

/** SubjectPublicKeyInfo DER of an RSAPublicKey (RFC 8017 A.1, RFC 5280 §4.1). */
export function rsaSpki(publicKey: Uint8Array): Uint8Array {
  return der(SEQUENCE, RSA_ALGORITHM, der(0x03, Uint8Array.of(0), publicKey));
}
