/**
 * 2FAS Authenticator backups (`.2fas`, JSON), as the apps' own models define them
 * (twofas/2fas-android `BackupContent`/`BackupService`, twofas/2fas-ios): `{ services: [...],
 * schemaVersion, servicesEncrypted?, ... }`, each service `{ name, secret, otp: { account, issuer,
 * digits, period, algorithm, tokenType: 'TOTP'|'HOTP'|'STEAM', counter, label, link, source } }`.
 * Password-protected backups put everything in `servicesEncrypted` (PBKDF2 + AES-GCM) and are refused.
 */
import { decodeBase32 } from './base32.ts';
import { entryLabel, importEntries } from './import-entries.ts';
import { isObject, type JsonObject, optionalString, optionalWhole, parseJson } from './json.ts';
import { makeAccount } from './make-account.ts';
import type { ImportResult, OtpAccount, OtpKind } from './types.ts';

/** Shown for every password-protected 2FAS backup. */
export const TWOFAS_ENCRYPTED_MESSAGE =
  'this 2FAS backup is encrypted with a password; export it again from 2FAS (Settings → 2FAS Backup → ' +
  'Export to file) without a password and import that file';

const TOKEN_TYPES: Record<string, OtpKind> = { TOTP: 'totp', HOTP: 'hotp', STEAM: 'steam' };

/**
 * Reads a `.2fas` backup. Services with unsupported token types or bad fields go to `issues`.
 * @throws TypeError if the file is not JSON, not a 2FAS backup, or encrypted.
 */
export function importTwoFasJson(text: string): ImportResult {
  return importTwoFasValue(parseJson(text, 'this 2FAS backup'));
}

/** {@link importTwoFasJson} for JSON that is already parsed. */
export function importTwoFasValue(root: unknown): ImportResult {
  if (!isObject(root) || !('services' in root || 'servicesEncrypted' in root)) {
    throw new TypeError('this file is not a 2FAS backup (it has no services)');
  }
  if (typeof root.servicesEncrypted === 'string' && root.servicesEncrypted !== '') {
    throw new TypeError(TWOFAS_ENCRYPTED_MESSAGE);
  }
  if (!Array.isArray(root.services)) throw new TypeError('this 2FAS backup has no list of services');
  return importEntries(root.services, {
    noun: 'service',
    label: (service) => entryLabel(service.name, ''),
    read: readService,
  });
}

function readService(service: JsonObject): OtpAccount {
  const otp: JsonObject = isObject(service.otp) ? service.otp : {};
  const tokenType = optionalString(otp, 'tokenType', 'TOTP');
  const kind = TOKEN_TYPES[tokenType.toUpperCase()];
  if (!kind)
    throw new TypeError(`tokenType '${tokenType}' is not supported (Tapkey knows TOTP, HOTP and STEAM)`);
  const secret = optionalString(service, 'secret');
  if (secret === '') throw new TypeError('secret is missing');
  // `name` is the title the user sees in 2FAS (they may have renamed it); otp.issuer is the original.
  const issuer = optionalString(service, 'name') || optionalString(otp, 'issuer');
  const accountName = optionalString(otp, 'account') || optionalString(otp, 'label');
  return makeAccount({
    kind,
    issuer,
    accountName: accountName === issuer ? '' : accountName,
    secret: decodeBase32(secret, 'secret'),
    algorithm: optionalString(otp, 'algorithm', 'SHA1'),
    digits: optionalWhole(otp, 'digits', 6),
    period: optionalWhole(otp, 'period', 30),
    counter: optionalWhole(otp, 'counter', 0),
  });
}
