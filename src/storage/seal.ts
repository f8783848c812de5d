/** AES-256-GCM sealing of key material with the vault key (WebCrypto; authenticated encryption). */
import type { SealedBytes } from './schema.ts';

export async function importVaultKey(raw: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', raw as Uint8Array<ArrayBuffer>, 'AES-GCM', false, [
    'encrypt',
    'decrypt',
  ]);
}

export async function seal(key: CryptoKey, plaintext: Uint8Array, aad: Uint8Array): Promise<SealedBytes> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: aad as Uint8Array<ArrayBuffer> },
      key,
      plaintext as Uint8Array<ArrayBuffer>,
    ),
  );
  return { iv, ciphertext };
}

/** Throws (OperationError) when the key is wrong or the record was tampered with. */
export async function unseal(key: CryptoKey, sealed: SealedBytes, aad: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(
    await crypto.subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: sealed.iv as Uint8Array<ArrayBuffer>,
        additionalData: aad as Uint8Array<ArrayBuffer>,
      },
      key,
      sealed.ciphertext as Uint8Array<ArrayBuffer>,
    ),
  );
}
