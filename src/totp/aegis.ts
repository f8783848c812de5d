/**
 * Aegis Authenticator's vault file, plain (unencrypted) variant, as documented in
 * https://github.com/beemdevelopment/Aegis/blob/master/docs/vault.md:
 * `{ version: 1, header: { slots: null, params: null }, db: { version, entries: [...] } }`, each entry
 * `{ type, uuid, name, issuer, note, favorite, icon, info: { secret, algo, digits, period | counter } }`.
 * Encrypted vaults (scrypt + AES-GCM) are refused: Tapkey asks the user to export without a password.
 */
import { decodeBase32, encodeBase32 } from './base32.ts';
import { entryLabel, importEntries } from './import-entries.ts';
import { isObject, type JsonObject, optionalString, optionalWhole, parseJson } from './json.ts';
import { makeAccount } from './make-account.ts';
import type { ImportResult, OtpAccount } from './types.ts';

/** Shown for every encrypted Aegis backup. */
export const AEGIS_ENCRYPTED_MESSAGE =
  'this Aegis backup is encrypted; export it unencrypted from Aegis (Settings → Import & Export → ' +
  'Export, with "Encrypt the vault" turned off) and import that file';

/**
 * Reads an Aegis vault export. Entries of types Tapkey lacks (Yandex, mOTP, …) or with bad fields are
 * reported in `issues`; icons, notes, favourites and groups are not imported.
 * @throws TypeError if the file is not JSON, not an Aegis vault, or encrypted.
 */
export function importAegisJson(text: string): ImportResult {
  return importAegisValue(parseJson(text, 'this Aegis backup'));
}

/** {@link importAegisJson} for JSON that is already parsed. */
export function importAegisValue(root: unknown): ImportResult {
  if (!isObject(root) || !('db' in root) || !isObject(root.header)) {
    throw new TypeError('this file is not an Aegis vault (it has no header and db)');
  }
  const header = root.header;
  if (typeof root.db === 'string' || (header.slots !== null && header.slots !== undefined)) {
    throw new TypeError(AEGIS_ENCRYPTED_MESSAGE);
  }
  if (!isObject(root.db) || !Array.isArray(root.db.entries)) {
    throw new TypeError('this Aegis vault has no list of entries (db.entries)');
  }
  return importEntries(root.db.entries, {
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
