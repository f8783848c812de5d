/**
 * The key slots of an encrypted Aegis vault (Aegis docs/vault.md, "Slots"): each slot holds the vault's
 * 256-bit master key, wrapped with AES-256-GCM under that slot's credential. Only password slots
 * (type 1: the credential is scrypt of the password) can be opened off the phone; raw (0) and
 * biometric (2, an Android KeyStore key) slots, and any type Aegis adds later, are skipped.
 */
import { checkScryptParams, type ScryptParams, scrypt } from './aegis-encrypted-scrypt.ts';
import { AES_KEY_BYTES, decodeHex, GCM_TAG_BYTES, openAesGcm } from './import-backup-crypto.ts';
import { WrongPasswordError } from './import-backup-errors.ts';
import { isObject, type JsonObject, typeName } from './json.ts';

/** docs/vault.md: "Password 0x01". */
const PASSWORD_SLOT_TYPE = 1;

/**
 * Trying a password costs one scrypt run (~0.1–0.3 s at Aegis' parameters) per password slot; Aegis
 * writes one, or a few with backup passwords. More is not a vault Aegis made.
 */
export const MAX_PASSWORD_SLOTS = 8;

/** A password slot, decoded. */
export interface PasswordSlot {
  /** The master key, encrypted: `key`. */
  wrappedKey: Uint8Array;
  /** `key_params.nonce` and `key_params.tag`. */
  nonce: Uint8Array;
  tag: Uint8Array;
  /** scrypt's `n`, `r`, `p` and `salt`. */
  scrypt: ScryptParams;
  salt: Uint8Array;
}

/**
 * The password slots of `header.slots`, in file order.
 * @throws TypeError if `slots` is not a list, a password slot is malformed (as Aegis' own
 * `Slot.fromJson` refuses it), or there is no password slot.
 */
export function readPasswordSlots(slots: unknown): PasswordSlot[] {
  if (!Array.isArray(slots)) throw new TypeError("this Aegis backup's header.slots is not a list");
  const found: PasswordSlot[] = [];
  slots.forEach((slot, i) => {
    if (!isObject(slot) || slot.type !== PASSWORD_SLOT_TYPE) return;
    try {
      found.push(readPasswordSlot(slot));
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new TypeError(`this Aegis backup's key slot ${i + 1} (a password slot) is damaged: ${why}`);
    }
  });
  if (found.length === 0) {
    throw new TypeError(
      'this Aegis backup has no password slot, so only the phone that made it can open it; export it ' +
        'from Aegis with a password',
    );
  }
  if (found.length > MAX_PASSWORD_SLOTS) {
    throw new TypeError(`this Aegis backup has ${found.length} password slots; Aegis writes at most a few`);
  }
  return found;
}

/**
 * Tries `password` on each slot in turn (as Aegis' decrypt.py does) and returns the master key of the
 * first one it opens.
 * @throws WrongPasswordError if it opens none. AES-GCM cannot tell a wrong password from a changed slot.
 * @throws TypeError if a slot opens but does not hold a 256-bit key.
 */
export async function unlockMasterKey(slots: readonly PasswordSlot[], password: string): Promise<Uint8Array> {
  // Aegis sets no empty passwords; WebCrypto implementations differ on empty PBKDF2 keys.
  if (password === '') throw new WrongPasswordError('aegis');
  // Aegis turns the password into bytes with UTF-8 (CryptoUtils.toBytes), without normalising it.
  // Slots written before Aegis fixed its issue #95 (`repaired: false`) used the encoder's whole buffer,
  // zero bytes after the password; HMAC zero-pads keys to 64 bytes, so that is the same key unless the
  // buffer exceeded 64 bytes (a password of about 58 characters or more). Aegis then retries with the
  // old bytes and re-wraps the slot (PasswordSlotDecryptTask); Tapkey does not try the old encoding.
  const passwordBytes = new TextEncoder().encode(password);
  for (const slot of slots) {
    const slotKey = await scrypt(passwordBytes, slot.salt, slot.scrypt, AES_KEY_BYTES);
    const masterKey = await openAesGcm(slotKey, slot.nonce, slot.wrappedKey, slot.tag);
    if (masterKey === null) continue;
    if (masterKey.length !== AES_KEY_BYTES) {
      throw new TypeError(`this Aegis backup's master key is ${masterKey.length} bytes; expected 32`);
    }
    return masterKey;
  }
  throw new WrongPasswordError('aegis');
}

function readPasswordSlot(slot: JsonObject): PasswordSlot {
  const keyParams = slot.key_params;
  if (!isObject(keyParams)) throw new TypeError('key_params is missing');
  const wrappedKey = hexField(slot, 'key');
  const nonce = hexField(keyParams, 'nonce', 'key_params.nonce');
  const tag = hexField(keyParams, 'tag', 'key_params.tag');
  if (wrappedKey.length !== AES_KEY_BYTES) {
    throw new TypeError(`key is ${wrappedKey.length} bytes; expected an encrypted 32-byte key`);
  }
  if (nonce.length === 0) throw new TypeError('key_params.nonce is empty');
  if (tag.length !== GCM_TAG_BYTES) throw new TypeError(`key_params.tag is ${tag.length} bytes; expected 16`);
  const params: ScryptParams = {
    n: numberField(slot, 'n'),
    r: numberField(slot, 'r'),
    p: numberField(slot, 'p'),
  };
  // Checked now, so that a file asking for absurd work is refused before any password is tried.
  checkScryptParams(params);
  return { wrappedKey, nonce, tag, scrypt: params, salt: hexField(slot, 'salt') };
}

/** A hex string field of a slot, decoded. */
function hexField(object: JsonObject, key: string, name = key): Uint8Array {
  const value = object[key];
  if (value === undefined) throw new TypeError(`${name} is missing`);
  if (typeof value !== 'string') throw new TypeError(`${name} is a ${typeName(value)}; expected hex text`);
  return decodeHex(value, name);
}

/** A number field of a slot (Aegis writes `n`, `r` and `p` as JSON numbers). */
function numberField(object: JsonObject, key: string): number {
  const value = object[key];
  if (value === undefined) throw new TypeError(`${key} is missing`);
  if (typeof value !== 'number') throw new TypeError(`${key} is a ${typeName(value)}; expected a number`);
  return value;
}
