/**
 * Credential key pairs and signatures for the algorithms this key supports: ES256 (P-256 ECDSA
 * with SHA-256, DER signatures, WebAuthn L3 §6.5.6) and EdDSA (Ed25519, RFC 8032); RS256 for the
 * workbench's test profiles (rsa.ts). Private keys are raw scalars / seeds (32 bytes), or PKCS#8 DER
 * for RS256, and never leave the service worker and storage.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { p256 } from '@noble/curves/nist.js';
import { concat, fromHex } from '../shared/bytes.ts';
import { rsaPublicKey, rsaSign, rsaSpki } from './rsa.ts';
import { COSE_ALG } from './types.ts';

export type SupportedAlg = typeof COSE_ALG.ES256 | typeof COSE_ALG.EdDSA | typeof COSE_ALG.RS256;

/** What the default profile makes keys for. */
export const SUPPORTED_ALGS: readonly SupportedAlg[] = [COSE_ALG.ES256, COSE_ALG.EdDSA];

/** ES256 or EdDSA: the algorithms of the default profile. */
export function isSupportedAlg(alg: number): alg is SupportedAlg {
  return alg === COSE_ALG.ES256 || alg === COSE_ALG.EdDSA;
}

export interface KeyPair {
  alg: SupportedAlg;
  privateKey: Uint8Array;
  /** Uncompressed SEC1 point (65 bytes) for ES256, the 32-byte key for EdDSA, RSAPublicKey DER for RS256. */
  publicKey: Uint8Array;
}

/** Random bytes a key is made from: noble reduces 48 bytes to a P-256 scalar without bias (FIPS 186-5 A.2.1). */
export const KEY_SEED_LENGTH = 48;

/**
 * `seed` is KEY_SEED_LENGTH random bytes from the Random port, so tests can make keys deterministic.
 * RS256 keys are not made from a seed: they come from the rsaKey port (see rsaKeyPair).
 */
export function generateKeyPair(alg: SupportedAlg, seed: Uint8Array): KeyPair {
  if (alg === COSE_ALG.RS256) throw new TypeError('RS256 keys come from the rsaKey port');
  if (alg === COSE_ALG.ES256) {
    const privateKey = p256.utils.randomSecretKey(seed);
    return { alg, privateKey, publicKey: p256.getPublicKey(privateKey, false) };
  }
  const privateKey = seed.slice(0, 32);
  return { alg, privateKey, publicKey: ed25519.getPublicKey(privateKey) };
}

/** An RS256 key pair from its PKCS#8 private key. */
export function rsaKeyPair(pkcs8: Uint8Array): KeyPair {
  return { alg: COSE_ALG.RS256, privateKey: pkcs8, publicKey: rsaPublicKey(pkcs8) };
}

export function publicKeyFor(alg: SupportedAlg, privateKey: Uint8Array): Uint8Array {
  if (alg === COSE_ALG.RS256) return rsaPublicKey(privateKey);
  return alg === COSE_ALG.ES256 ? p256.getPublicKey(privateKey, false) : ed25519.getPublicKey(privateKey);
}

/**
 * Signs `message` (authenticatorData ‖ clientDataHash). For ES256 noble hashes it once with SHA-256
 * (prehash) and returns ASN.1 DER, as WebAuthn §6.5.6 requires; RFC 6979 makes it deterministic.
 */
export function sign(alg: SupportedAlg, privateKey: Uint8Array, message: Uint8Array): Uint8Array {
  if (alg === COSE_ALG.RS256) return rsaSign(privateKey, message);
  if (alg === COSE_ALG.ES256) return p256.sign(message, privateKey, { format: 'der', prehash: true });
  return ed25519.sign(message, privateKey);
}

const P256_SPKI_PREFIX = fromHex('3059301306072a8648ce3d020106082a8648ce3d030107034200');
const ED25519_SPKI_PREFIX = fromHex('302a300506032b6570032100');

/** SubjectPublicKeyInfo DER (RFC 5480 / RFC 8410), what AuthenticatorAttestationResponse.getPublicKey() returns. */
export function spki(alg: SupportedAlg, publicKey: Uint8Array): Uint8Array {
  if (alg === COSE_ALG.RS256) return rsaSpki(publicKey);
  return concat(alg === COSE_ALG.ES256 ? P256_SPKI_PREFIX : ED25519_SPKI_PREFIX, publicKey);
}
