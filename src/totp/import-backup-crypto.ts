/**
 * The primitives both encrypted backup formats use (Aegis vault, 2FAS backup), on WebCrypto
 * (`globalThis.crypto.subtle`: Node 20+, browsers, service workers): PBKDF2-HMAC-SHA256 and
 * AES-256-GCM with a 128-bit tag, plus the hex and base64 the files carry their bytes in.
 * Decoders say which field is bad and never quote it: these fields hold ciphertext and key material.
 */

/** AES-256: both apps use 256-bit keys. */
export const AES_KEY_BYTES = 32;
/** GCM tag length both apps use (Aegis `CRYPTO_AEAD_TAG_SIZE`, 2FAS `GCMParameterSpec(128, …)`). */
export const GCM_TAG_BYTES = 16;

/** `text` as bytes. @throws TypeError naming `field` if it is not an even number of hex digits. */
export function decodeHex(text: string, field: string): Uint8Array {
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(text)) throw new TypeError(`${field} is not hex`);
  const bytes = new Uint8Array(text.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}

/**
 * Standard base64 (RFC 4648 §4) as bytes; padding is optional and line breaks are ignored.
 * @throws TypeError naming `field` for any other character or an impossible length.
 */
export function decodeBase64(text: string, field: string): Uint8Array {
  const compact = text.replace(/[\r\n]/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) throw new TypeError(`${field} is not base64`);
  const bare = compact.replace(/=+$/, '');
  if (bare.length % 4 === 1) throw new TypeError(`${field} is not base64 (its length is impossible)`);
  const binary = atob(bare + '='.repeat((4 - (bare.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** UTF-8 bytes as text. @throws TypeError naming `what` if they are not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array, what: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new TypeError(`${what} is not UTF-8 text`);
  }
}

/** PBKDF2-HMAC-SHA256 (RFC 8018 §5.2) of `password` and `salt`, `length` bytes long. */
export async function pbkdf2Sha256(
  password: Uint8Array,
  salt: Uint8Array,
  iterations: number,
  length: number,
): Promise<Uint8Array> {
  const subtle = globalThis.crypto.subtle;
  // Copies: WebCrypto wants BufferSources backed by an ArrayBuffer.
  const key = await subtle.importKey('raw', new Uint8Array(password), 'PBKDF2', false, ['deriveBits']);
  const params = { name: 'PBKDF2', hash: 'SHA-256', salt: new Uint8Array(salt), iterations };
  return new Uint8Array(await subtle.deriveBits(params, key, length * 8));
}

/**
 * AES-256-GCM decryption with no associated data, as both apps use it.
 * @returns the plaintext, or `null` when the tag does not verify: a wrong key, or changed bytes.
 * @throws TypeError if the key is not 256 bits, the nonce is empty or the tag not 128 bits (a malformed
 * file, not a wrong password; callers check these with the file's field names first).
 */
export async function openAesGcm(
  key: Uint8Array,
  nonce: Uint8Array,
  ciphertext: Uint8Array,
  tag: Uint8Array,
): Promise<Uint8Array | null> {
  if (key.length !== AES_KEY_BYTES) throw new TypeError(`the key is ${key.length} bytes; expected 32`);
  if (nonce.length === 0) throw new TypeError('the nonce is empty');
  if (tag.length !== GCM_TAG_BYTES) throw new TypeError(`the tag is ${tag.length} bytes; expected 16`);
  const subtle = globalThis.crypto.subtle;
  const cryptoKey = await subtle.importKey('raw', new Uint8Array(key), 'AES-GCM', false, ['decrypt']);
  // WebCrypto, like Java's Cipher, takes the tag appended to the ciphertext.
  const sealed = new Uint8Array(ciphertext.length + tag.length);
  sealed.set(ciphertext);
  sealed.set(tag, ciphertext.length);
  try {
    const params = { name: 'AES-GCM', iv: new Uint8Array(nonce), tagLength: GCM_TAG_BYTES * 8 };
    return new Uint8Array(await subtle.decrypt(params, cryptoKey, sealed));
  } catch {
    // WebCrypto's only decrypt failure once the key is imported is OperationError: the tag is wrong.
    return null;
  }
}
