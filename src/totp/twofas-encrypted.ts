/**
 * Password-protected 2FAS backups, as the apps write them (twofas/2fas-android
 * `core/cipher/…/backup/BackupCipherImpl.kt`, `BackupKeyGeneratorPbkdf.kt`, `CipherAes.kt`,
 * `DataEncrypted.kt`; twofas/2fas-ios `TwoFAS/Protection/ExchangeFileEncryption.swift`):
 *
 * - `servicesEncrypted` = `base64(ciphertext ‖ tag):base64(salt):base64(iv)`, the JSON list of services
 *   encrypted with AES-256-GCM (128-bit tag, 12-byte IV) under PBKDF2-HMAC-SHA256(password, salt,
 *   10,000 iterations, 256 bits). Android makes 256-byte salts, iOS 32-byte ones.
 * - `reference` = a fixed text of the app's encrypted the same way, with the same key and its own IV;
 *   the apps decrypt it to check the password. Tapkey opens it first, to tell a wrong password (it
 *   fails) from a damaged file (it opens, the services fail); the apps call both a wrong password.
 * - `services` is then `[]`; `groups` and the rest stay plain.
 */
import { decodeBase64, decodeUtf8, GCM_TAG_BYTES, openAesGcm, pbkdf2Sha256 } from './import-backup-crypto.ts';
import { WrongPasswordError } from './import-backup-errors.ts';
import { parseJson } from './json.ts';
import { importTwoFasServices, isEncryptedTwoFas, isTwoFasBackup } from './twofas.ts';
import type { ImportResult } from './types.ts';

/** `BackupKeyGeneratorPbkdf.ITERATIONS` (Android), `rounds` (iOS). */
const PBKDF2_ITERATIONS = 10_000;
const KEY_BYTES = 32;

/** One `data:salt:iv` field, decoded. */
interface Sealed {
  ciphertext: Uint8Array;
  tag: Uint8Array;
  salt: Uint8Array;
  iv: Uint8Array;
}

/**
 * Decrypts a password-protected `.2fas` backup with `password` and reads its services like a plain
 * backup's.
 * @throws WrongPasswordError if `password` does not open it.
 * @throws TypeError if the file is not an encrypted 2FAS backup, is malformed, or its services fail the
 * AES-GCM check although the password is right (changed or cut-off bytes).
 */
export async function importTwoFasEncrypted(root: unknown, password: string): Promise<ImportResult> {
  if (!isTwoFasBackup(root) || !isEncryptedTwoFas(root)) {
    throw new TypeError('this file is not an encrypted 2FAS backup (it has no servicesEncrypted)');
  }
  const services = readSealed(root.servicesEncrypted, 'servicesEncrypted');
  // Both apps write `reference`, and need it to open a file; Tapkey does without, at the cost of not
  // telling a wrong password from a damaged file.
  const hasReference = typeof root.reference === 'string' && root.reference !== '';
  const reference = hasReference ? readSealed(root.reference, 'reference') : undefined;

  // 2FAS sets no empty passwords; WebCrypto implementations differ on empty PBKDF2 keys.
  if (password === '') throw new WrongPasswordError('2fas');
  // UTF-8, as Android's PBEKeySpec/`toByteArray()` use (iOS allows only ASCII passwords, the same bytes).
  const passwordBytes = new TextEncoder().encode(password);
  const keys = new Map<string, Promise<Uint8Array>>();
  // Both apps use one salt for the two fields; derive once per distinct salt all the same.
  const keyFor = (salt: Uint8Array) => {
    const id = salt.join(',');
    let key = keys.get(id);
    if (!key) {
      key = pbkdf2Sha256(passwordBytes, salt, PBKDF2_ITERATIONS, KEY_BYTES);
      keys.set(id, key);
    }
    return key;
  };

  if (reference && (await open(await keyFor(reference.salt), reference)) === null) {
    throw new WrongPasswordError('2fas');
  }
  const plaintext = await open(await keyFor(services.salt), services);
  if (plaintext === null) {
    if (!reference) throw new WrongPasswordError('2fas');
    throw new TypeError(
      'this 2FAS backup is damaged: the password is right, but its services fail their integrity check ' +
        '(bytes were changed or cut off)',
    );
  }
  const text = decodeUtf8(plaintext, 'the decrypted 2FAS services');
  return importTwoFasServices(parseJson(text, 'the decrypted 2FAS services'));
}

function open(key: Uint8Array, sealed: Sealed): Promise<Uint8Array | null> {
  return openAesGcm(key, sealed.iv, sealed.ciphertext, sealed.tag);
}

/** Splits and decodes `data:salt:iv` (`DataEncrypted` on Android, `splitBase64String` on iOS). */
function readSealed(value: unknown, field: string): Sealed {
  const name = `this 2FAS backup's ${field}`;
  const parts = typeof value === 'string' ? value.split(':') : [];
  if (parts.length !== 3) throw new TypeError(`${name} is not in 2FAS' data:salt:iv form`);
  const [data, salt, iv] = parts.map((part, i) => decodeBase64(part, `${name} (part ${i + 1})`)) as [
    Uint8Array,
    Uint8Array,
    Uint8Array,
  ];
  if (data.length < GCM_TAG_BYTES) {
    throw new TypeError(`${name} is too short to hold an AES-GCM tag (it was cut off)`);
  }
  if (salt.length === 0) throw new TypeError(`${name} has an empty salt`);
  if (iv.length === 0) throw new TypeError(`${name} has an empty IV`);
  const split = data.length - GCM_TAG_BYTES;
  return { ciphertext: data.subarray(0, split), tag: data.subarray(split), salt, iv };
}
