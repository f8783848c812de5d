/**
 * HMAC through WebCrypto (`globalThis.crypto.subtle`: Node 20+, browsers, service workers).
 * Keys are imported once per secret and algorithm: a popup showing 1,000 accounts asks for 1,000 codes
 * every second, and `importKey` costs as much as the HMAC itself.
 */
import type { OtpAlgorithm } from './types.ts';

const WEBCRYPTO_HASH: Record<OtpAlgorithm, string> = {
  SHA1: 'SHA-1',
  SHA256: 'SHA-256',
  SHA512: 'SHA-512',
};

/** Per secret object, per algorithm; a WeakMap so that forgotten secrets take their keys with them. */
const keyCache = new WeakMap<Uint8Array, Map<OtpAlgorithm, Promise<CryptoKey>>>();

/**
 * Returns the non-extractable HMAC key for `secret`, importing it on first use.
 * The cache is keyed by the `Uint8Array` object, so a secret must not be modified after its first use.
 */
export function hmacKey(secret: Uint8Array, algorithm: OtpAlgorithm): Promise<CryptoKey> {
  let perAlgorithm = keyCache.get(secret);
  if (!perAlgorithm) {
    perAlgorithm = new Map();
    keyCache.set(secret, perAlgorithm);
  }
  let key = perAlgorithm.get(algorithm);
  if (!key) {
    // WebCrypto rejects an empty HMAC key; RFC 2104 allows it, but no authenticator issues one.
    if (secret.length === 0) return Promise.reject(new TypeError('secret is empty'));
    const hash = WEBCRYPTO_HASH[algorithm];
    if (!hash)
      return Promise.reject(
        new TypeError(`algorithm is '${String(algorithm)}'; expected SHA1, SHA256 or SHA512`),
      );
    // Copy: importKey wants a BufferSource backed by an ArrayBuffer, and the copy can't change later.
    const raw = new Uint8Array(secret);
    key = globalThis.crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash }, false, ['sign']);
    perAlgorithm.set(algorithm, key);
    // A failed import must not stay cached.
    key.catch(() => perAlgorithm.delete(algorithm));
  }
  return key;
}

/** HMAC-`algorithm`(secret, message). */
export async function hmac(
  secret: Uint8Array,
  algorithm: OtpAlgorithm,
  message: Uint8Array,
): Promise<Uint8Array> {
  const key = await hmacKey(secret, algorithm);
  const data = new Uint8Array(message);
  return new Uint8Array(await globalThis.crypto.subtle.sign('HMAC', key, data));
}
