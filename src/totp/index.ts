/**
 * The pure one-time-code core: code generation, `otpauth://` URIs, Google Authenticator exports and
 * backup files. No browser-extension APIs; works in the service worker, the popup and Node.
 */
export { type AccountCode, accountCode, accountCodePair } from './account-code.ts';
export { accountLabel } from './account-label.ts';
export { AEGIS_ENCRYPTED_MESSAGE, exportAegisJson, importAegisJson } from './aegis.ts';
export {
  AUTHENTICATOR_EXTENSION_ENCRYPTED_MESSAGE,
  importAuthenticatorExtensionJson,
} from './authenticator-extension.ts';
export { decodeBase32, encodeBase32 } from './base32.ts';
export {
  DEFAULT_ACCOUNTS_PER_QR,
  decodeGoogleMigration,
  encodeGoogleMigration,
  type MigrationBatch,
} from './google-migration.ts';
export { type HotpOptions, hotp, hotpTruncated } from './hotp.ts';
export { type BackupFormat, importBackup } from './import-backup.ts';
export { type AccountFields, makeAccount } from './make-account.ts';
export { parseOtpauthUri, writeOtpauthUri } from './otpauth-uri.ts';
export { STEAM_ALPHABET } from './steam.ts';
export { type TotpCode, type TotpOptions, type TotpPair, timeStep, totp, totpPair } from './totp.ts';
export { importTwoFasJson, TWOFAS_ENCRYPTED_MESSAGE } from './twofas.ts';
export type { ImportIssue, ImportResult, OtpAccount, OtpAlgorithm, OtpKind } from './types.ts';
export { DEFAULT_PERIOD, OTP_ALGORITHMS, STEAM_DIGITS } from './types.ts';
export { exportUriList, importUriList } from './uri-list.ts';
