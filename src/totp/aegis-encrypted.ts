/**
 * Encrypted Aegis vaults, as Aegis docs/vault.md documents them
 * (https://github.com/beemdevelopment/Aegis/blob/master/docs/vault.md):
 * `{ version: 1, header: { slots: [...], params: { nonce, tag } }, db: "<base64>" }`.
 * `db` is the vault contents (`{ version, entries }` as UTF-8 JSON) encrypted with AES-256-GCM under
 * the master key, with the nonce and tag (hex) in `header.params`; the master key comes from a password
 * slot (aegis-encrypted-slots.ts). What decrypts goes through the plain reader, so accounts and issues
 * are the same as for the same vault exported without a password.
 */
import { importAegisDb, isAegisVault } from './aegis.ts';
import { readPasswordSlots, unlockMasterKey } from './aegis-encrypted-slots.ts';
import { decodeBase64, decodeHex, decodeUtf8, GCM_TAG_BYTES, openAesGcm } from './import-backup-crypto.ts';
import { isObject, parseJson } from './json.ts';
import type { ImportResult } from './types.ts';

/**
 * Decrypts an encrypted Aegis vault with `password` and reads it like a plain one.
 * @throws WrongPasswordError if no password slot opens with `password`.
 * @throws TypeError if the file is not an encrypted Aegis vault, is malformed, or its contents fail the
 * AES-GCM check (changed or cut-off bytes).
 */
export async function importAegisEncrypted(root: unknown, password: string): Promise<ImportResult> {
  if (!isAegisVault(root)) throw new TypeError('this file is not an Aegis vault (it has no header and db)');
  if (typeof root.db !== 'string')
    throw new TypeError('this Aegis vault is not encrypted (its db is not text)');
  // Everything is decoded before the first scrypt run: a malformed file fails at once.
  const slots = readPasswordSlots(root.header.slots);
  const params = root.header.params;
  if (!isObject(params)) throw new TypeError("this Aegis backup's header.params is missing");
  const nonce = hexParam(params.nonce, 'nonce');
  const tag = hexParam(params.tag, 'tag');
  if (nonce.length === 0) throw new TypeError("this Aegis backup's header.params.nonce is empty");
  if (tag.length !== GCM_TAG_BYTES) {
    throw new TypeError(`this Aegis backup's header.params.tag is ${tag.length} bytes; expected 16`);
  }
  const ciphertext = decodeBase64(root.db, "this Aegis backup's db");

  const masterKey = await unlockMasterKey(slots, password);
  const plaintext = await openAesGcm(masterKey, nonce, ciphertext, tag);
  masterKey.fill(0);
  if (plaintext === null) {
    // The password opened a slot, so the key is right: the db, its nonce or its tag changed.
    throw new TypeError(
      'this Aegis backup is damaged: the password is right, but the vault contents fail their integrity ' +
        'check (bytes were changed or cut off)',
    );
  }
  return importAegisDb(
    parseJson(decodeUtf8(plaintext, 'the decrypted Aegis vault'), 'the decrypted Aegis vault'),
  );
}

/** A hex field of `header.params`, decoded. */
function hexParam(value: unknown, key: string): Uint8Array {
  const name = `this Aegis backup's header.params.${key}`;
  if (typeof value !== 'string') throw new TypeError(`${name} is missing`);
  return decodeHex(value, name);
}
