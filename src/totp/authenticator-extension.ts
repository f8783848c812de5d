/**
 * Backups of the "Authenticator" browser extension (github.com/Authenticator-Extension/Authenticator,
 * `src/models/storage.ts` `backupGetExport`, types in `src/definitions/otp.d.ts`): a JSON object keyed
 * by entry hash, each `{ account, issuer, secret, type, period?, digits?, algorithm?, counter?,
 * encrypted, hash, index }`. Types: totp, hotp, steam, battle (Battle.net, 8-digit TOTP), hex and hhex
 * (TOTP/HOTP with a hex secret). Encrypted entries (`encrypted: true`, or `dataType: 'EncOTPStorage'`)
 * and the key records beside them (`key`, `dataType: 'Key'`) cannot be read without the password.
 */
import { decodeBase32 } from './base32.ts';
import { entryLabel, importEntries } from './import-entries.ts';
import { isObject, type JsonObject, optionalString, optionalWhole, parseJson } from './json.ts';
import { makeAccount } from './make-account.ts';
import type { ImportResult, OtpAccount } from './types.ts';

/** Shown for each encrypted entry. */
export const AUTHENTICATOR_EXTENSION_ENCRYPTED_MESSAGE =
  "this entry is encrypted with the Authenticator extension's password; in the extension, export " +
  'a backup without encryption and import that file';

/** The extension's numeric OTPAlgorithm enum, as some versions store it. */
const NUMERIC_ALGORITHMS: Record<string, string> = { '1': 'SHA1', '2': 'SHA256', '3': 'SHA512' };

/**
 * Reads an Authenticator extension backup, in the extension's `index` order. Encrypted and
 * unsupported entries go to `issues`.
 * @throws TypeError if the file is not JSON or not an object of entries.
 */
export function importAuthenticatorExtensionJson(text: string): ImportResult {
  return importAuthenticatorExtensionValue(parseJson(text, 'this Authenticator extension backup'));
}

/** {@link importAuthenticatorExtensionJson} for JSON that is already parsed. */
export function importAuthenticatorExtensionValue(root: unknown): ImportResult {
  if (!isObject(root))
    throw new TypeError('this file is not an Authenticator extension backup (not a JSON object)');
  const entries = Object.entries(root)
    .filter(
      ([key, value]) =>
        key !== 'key' && key !== 'UserSettings' && !(isObject(value) && value.dataType === 'Key'),
    )
    .map(([key, value], order) => ({ key, value, order }))
    .sort((a, b) => sortIndex(a.value, a.order) - sortIndex(b.value, b.order));
  return importEntries(
    entries.map(({ value }) => value),
    { noun: 'entry', label: (entry) => entryLabel(entry.issuer, entry.account), read: readEntry },
  );
}

function sortIndex(value: unknown, order: number): number {
  return isObject(value) && typeof value.index === 'number' && Number.isFinite(value.index)
    ? value.index
    : order;
}

function readEntry(entry: JsonObject): OtpAccount {
  if (entry.dataType === 'EncOTPStorage' || entry.encrypted === true) {
    throw new TypeError(AUTHENTICATOR_EXTENSION_ENCRYPTED_MESSAGE);
  }
  const type = optionalString(entry, 'type', 'totp');
  const secretText = optionalString(entry, 'secret');
  if (secretText === '') throw new TypeError('secret is missing');
  const rawAlgorithm = entry.algorithm;
  const algorithmText =
    typeof rawAlgorithm === 'number' ? String(rawAlgorithm) : optionalString(entry, 'algorithm', 'SHA1');
  const algorithm = NUMERIC_ALGORITHMS[algorithmText] ?? algorithmText;
  if (/GOST/i.test(algorithm) || algorithmText === '4' || algorithmText === '5') {
    throw new TypeError('GOST algorithms are not supported');
  }
  const common = {
    issuer: optionalString(entry, 'issuer'),
    accountName: optionalString(entry, 'account'),
    algorithm,
    digits: optionalWhole(entry, 'digits', 6),
    period: optionalWhole(entry, 'period', 30),
    counter: optionalWhole(entry, 'counter', 0),
  };
  switch (type) {
    case 'totp':
    case 'hotp':
    case 'steam':
      return makeAccount({ ...common, kind: type, secret: decodeBase32(secretText, 'secret') });
    case 'battle':
      return makeAccount({ ...common, kind: 'totp', digits: 8, secret: decodeBase32(secretText, 'secret') });
    case 'hex':
    case 'hhex':
      return makeAccount({
        ...common,
        kind: type === 'hex' ? 'totp' : 'hotp',
        secret: decodeHexSecret(secretText),
      });
    default:
      throw new TypeError(
        `type '${type}' is not supported (Tapkey knows totp, hotp, steam, battle, hex and hhex)`,
      );
  }
}

function decodeHexSecret(text: string): Uint8Array {
  const hex = text.replace(/\s+/g, '');
  if (!/^[0-9a-f]*$/i.test(hex))
    throw new TypeError('secret of a hex entry contains a character that is not hex');
  // The extension drops a final odd nibble (key-utilities.ts); do the same.
  const even = hex.length % 2 === 0 ? hex : hex.slice(0, -1);
  if (even === '') throw new TypeError('secret is missing');
  return Uint8Array.from(even.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16));
}
