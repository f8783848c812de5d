/**
 * The errors of password-protected backups, typed so that the import screen can tell "ask for the
 * password" and "ask again" apart from a file it can do nothing with (a plain `TypeError`).
 */

/** The backup formats that can be encrypted with a password, as {@link BackupFormat} names them. */
export type EncryptedBackupFormat = 'aegis' | '2fas';

const APP_NAMES: Record<EncryptedBackupFormat, string> = { aegis: 'Aegis', '2fas': '2FAS' };

/** The message of {@link PasswordRequiredError} for `format`. */
export function passwordRequiredMessage(format: EncryptedBackupFormat): string {
  return `this ${APP_NAMES[format]} backup is encrypted with a password; enter that password to import it`;
}

/** The file is an encrypted backup: call `importBackupWithPassword` with the user's password. */
export class PasswordRequiredError extends TypeError {
  override readonly name = 'PasswordRequiredError';

  constructor(readonly format: EncryptedBackupFormat) {
    super(passwordRequiredMessage(format));
  }
}

/**
 * The password does not open the backup. AES-GCM cannot tell a wrong key from a damaged key slot, so
 * this is also what a tampered Aegis password slot or 2FAS `reference` gives.
 */
export class WrongPasswordError extends TypeError {
  override readonly name = 'WrongPasswordError';

  constructor(readonly format: EncryptedBackupFormat) {
    super(`wrong password for this ${APP_NAMES[format]} backup`);
  }
}
