/**
 * Aegis Authenticator's vault file, plain (unencrypted) variant, as documented in
 * https://github.com/beemdevelopment/Aegis/blob/master/docs/vault.md:
 * `{ version: 1, header: { slots: null, params: null }, db: { version, entries: [...] } }`, each entry
 * `{ type, uuid, name, issuer, note, favorite, icon, info: { secret, algo, digits, period | counter } }`.
 * Encrypted vaults (scrypt + AES-GCM) throw {@link PasswordRequiredError}; aegis-encrypted.ts opens
 * them and hands the decrypted `db` to {@link importAegisDb}.
 */
import { decodeBase32, encodeBase32 } from './base32.ts';
import { PasswordRequiredError, passwordRequiredMessage } from './import-backup-errors.ts';
import { entryLabel, importEntries } from './import-entries.ts';
import { isObject, type JsonObject, optionalString, optionalWhole, parseJson } from './json.ts';
import { makeAccount } from './make-account.ts';
import type { ImportResult, OtpAccount } from './types.ts';

/** The message of the {@link PasswordRequiredError} every encrypted Aegis backup gives. */
export const AEGIS_ENCRYPTED_MESSAGE = passwordRequiredMessage('aegis');

/**
 * Reads an Aegis vault export. Entries of types Tapkey lacks (Yandex, mOTP, …) or with bad fields are
 * reported in `issues`; icons, notes, favourites and groups are not imported.
 * @throws PasswordRequiredError for an encrypted vault.
 * @throws TypeError if the file is not JSON or not an Aegis vault.
 */
export function importAegisJson(text: string): ImportResult {
  return importAegisValue(parseJson(text, 'this Aegis backup'));
}

/** {@link importAegisJson} for JSON that is already parsed. */
export function importAegisValue(root: unknown): ImportResult {
  if (!isAegisVault(root)) throw new TypeError('this file is not an Aegis vault (it has no header and db)');
  if (isEncryptedAegis(root)) throw new PasswordRequiredError('aegis');
  return importAegisDb(root.db);
}

/** An object with Aegis' top-level `header` object and a `db` (object or encrypted text). */
export type AegisVault = JsonObject & { header: JsonObject };

/** True for an object with Aegis' top-level `header` object and `db`. */
export function isAegisVault(root: unknown): root is AegisVault {
  return isObject(root) && 'db' in root && isObject(root.header);
}

/**
 * True for an encrypted vault: docs/vault.md makes `db` a base64 string then, and says that
 * `slots: null` (with `params: null`) marks a plain one.
 */
export function isEncryptedAegis(vault: AegisVault): boolean {
  const slots = vault.header.slots;
  return typeof vault.db === 'string' || (slots !== null && slots !== undefined);
}

/**
 * Reads the vault contents (docs/vault.md, "Content": `{ version, entries }`): the plain vault's `db`
 * object, or what an encrypted vault's `db` decrypts to.
 */
export function importAegisDb(db: unknown): ImportResult {
  if (!isObject(db) || !Array.isArray(db.entries)) {
    throw new TypeError('this Aegis vault has no list of entries (db.entries)');
  }
  return importEntries(db.entries, {
    noun: 'entry',
    label: (entry) => entryLabel(entry.issuer, entry.name),
    read: readEntry,
  });
}

/**
 * Writes a plain Aegis vault holding `accounts` (db version 1, the form of Aegis' own test vault).
 * @param options.uuid - Makes entry UUIDs; defaults to `crypto.randomUUID`.
 */
export function exportAegisJson(
  accounts: readonly OtpAccount[],
  options: { uuid?: () => string } = {},
): string {
  const uuid = options.uuid ?? (() => globalThis.crypto.randomUUID());
  const entries = accounts.map((account) => ({
    type: account.kind,
    uuid: uuid(),
    name: account.accountName,
    issuer: account.issuer,
    note: '',
    favorite: false,
    icon: null,
    info:
      account.kind === 'hotp'
        ? {
            secret: encodeBase32(account.secret),
            algo: account.algorithm,
            digits: account.digits,
            counter: account.counter,
          }
        : {
            secret: encodeBase32(account.secret),
            algo: account.algorithm,
            digits: account.digits,
            period: account.period,
          },
  }));
  const vault = { version: 1, header: { slots: null, params: null }, db: { version: 1, entries } };
  return `${JSON.stringify(vault, null, 4)}\n`;
}

function readEntry(entry: JsonObject): OtpAccount {
  const type = optionalString(entry, 'type');
  if (type !== 'totp' && type !== 'hotp' && type !== 'steam') {
    throw new TypeError(`type '${type}' is not supported (Tapkey knows totp, hotp and steam)`);
  }
  const info = entry.info;
  if (!isObject(info)) throw new TypeError('the entry has no info object');
  const secret = optionalString(info, 'secret');
  if (secret === '') throw new TypeError('info.secret is missing');
  return makeAccount({
    kind: type,
    issuer: optionalString(entry, 'issuer'),
    accountName: optionalString(entry, 'name'),
    secret: decodeBase32(secret, 'info.secret'),
    algorithm: optionalString(info, 'algo', 'SHA1'),
    digits: optionalWhole(info, 'digits', 6),
    period: optionalWhole(info, 'period', 30),
    counter: optionalWhole(info, 'counter', 0),
  });
}
