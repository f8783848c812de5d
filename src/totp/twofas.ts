/**
 * 2FAS Authenticator backups (`.2fas`, JSON), as the apps' own models define them
 * (twofas/2fas-android `BackupContent`/`BackupService`, twofas/2fas-ios): `{ services: [...],
 * schemaVersion, servicesEncrypted?, ... }`, each service `{ name, secret, otp: { account, issuer,
 * digits, period, algorithm, tokenType: 'TOTP'|'HOTP'|'STEAM', counter, label, link, source } }`.
 * Password-protected backups put the services in `servicesEncrypted` (PBKDF2 + AES-GCM) and throw
 * {@link PasswordRequiredError}; twofas-encrypted.ts opens them and hands the decrypted list to
 * {@link importTwoFasServices}.
 */
import { decodeBase32 } from './base32.ts';
import { PasswordRequiredError, passwordRequiredMessage } from './import-backup-errors.ts';
import { entryLabel, importEntries } from './import-entries.ts';
import { isObject, type JsonObject, optionalString, optionalWhole, parseJson } from './json.ts';
import { makeAccount } from './make-account.ts';
import type { ImportResult, OtpAccount, OtpKind } from './types.ts';

/** The message of the {@link PasswordRequiredError} every password-protected 2FAS backup gives. */
export const TWOFAS_ENCRYPTED_MESSAGE = passwordRequiredMessage('2fas');

const TOKEN_TYPES: Record<string, OtpKind> = { TOTP: 'totp', HOTP: 'hotp', STEAM: 'steam' };

/**
 * Reads a `.2fas` backup. Services with unsupported token types or bad fields go to `issues`.
 * @throws PasswordRequiredError for a password-protected backup.
 * @throws TypeError if the file is not JSON or not a 2FAS backup.
 */
export function importTwoFasJson(text: string): ImportResult {
  return importTwoFasValue(parseJson(text, 'this 2FAS backup'));
}

/** {@link importTwoFasJson} for JSON that is already parsed. */
export function importTwoFasValue(root: unknown): ImportResult {
  if (!isTwoFasBackup(root)) throw new TypeError('this file is not a 2FAS backup (it has no services)');
  if (isEncryptedTwoFas(root)) throw new PasswordRequiredError('2fas');
  return importTwoFasServices(root.services);
}

/** True for an object with 2FAS' `services` or `servicesEncrypted`. */
export function isTwoFasBackup(root: unknown): root is JsonObject {
  return isObject(root) && ('services' in root || 'servicesEncrypted' in root);
}

/** True for a password-protected backup: its services are in a non-empty `servicesEncrypted`. */
export function isEncryptedTwoFas(backup: JsonObject): boolean {
  return typeof backup.servicesEncrypted === 'string' && backup.servicesEncrypted !== '';
}

/** Reads the list of services: a plain backup's `services`, or what `servicesEncrypted` decrypts to. */
export function importTwoFasServices(services: unknown): ImportResult {
  if (!Array.isArray(services)) throw new TypeError('this 2FAS backup has no list of services');
  return importEntries(services, {
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
