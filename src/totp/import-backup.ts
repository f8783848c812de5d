/**
 * One entry point for the import screen: recognises the file and calls the right reader.
 *
 * Encrypted Aegis and 2FAS backups take two steps: {@link importBackup} throws
 * {@link PasswordRequiredError} (its `format` names the app), the screen asks for the password, and
 * {@link importBackupWithPassword} opens the file, throwing {@link WrongPasswordError} to ask again.
 */
import { importAegisValue, isAegisVault, isEncryptedAegis } from './aegis.ts';
import { importAegisEncrypted } from './aegis-encrypted.ts';
import { importAuthenticatorExtensionValue } from './authenticator-extension.ts';
import { isObject, type JsonObject, parseJson } from './json.ts';
import { importTwoFasValue, isEncryptedTwoFas } from './twofas.ts';
import { importTwoFasEncrypted } from './twofas-encrypted.ts';
import type { ImportResult } from './types.ts';
import { importUriList } from './uri-list.ts';

export {
  type EncryptedBackupFormat,
  PasswordRequiredError,
  WrongPasswordError,
} from './import-backup-errors.ts';

/** The formats {@link importBackup} recognises. */
export type BackupFormat = 'uri-list' | 'aegis' | '2fas' | 'authenticator-extension';

/** What an import gives: the accounts and issues, and the format the file was read as. */
export type BackupImport = ImportResult & { format: BackupFormat };

/**
 * Imports a backup file's text: an Aegis vault, a 2FAS backup, an Authenticator extension backup (all
 * JSON), or else a list of `otpauth://` / `otpauth-migration://` URIs.
 * @throws PasswordRequiredError for an encrypted Aegis or 2FAS backup.
 * @throws TypeError for JSON that matches none of the formats.
 */
export function importBackup(text: string): BackupImport {
  const file = recognise(text);
  switch (file.format) {
    case 'uri-list':
      return { format: 'uri-list', ...importUriList(file.text) };
    case 'aegis':
      return { format: 'aegis', ...importAegisValue(file.root) };
    case '2fas':
      return { format: '2fas', ...importTwoFasValue(file.root) };
    case 'authenticator-extension':
      return { format: 'authenticator-extension', ...importAuthenticatorExtensionValue(file.root) };
  }
}

/**
 * {@link importBackup} with the password of an encrypted Aegis or 2FAS backup. Files that need no
 * password are imported as {@link importBackup} does, and `password` is not used.
 * Opening an Aegis vault runs scrypt (about 0.1–0.3 s and 32 MiB per password slot).
 * @throws WrongPasswordError if `password` does not open the backup.
 * @throws TypeError for a file that is not a backup Tapkey knows, or is malformed or damaged.
 */
export async function importBackupWithPassword(text: string, password: string): Promise<BackupImport> {
  const file = recognise(text);
  if (file.format === 'aegis' && isAegisVault(file.root) && isEncryptedAegis(file.root)) {
    return { format: 'aegis', ...(await importAegisEncrypted(file.root, password)) };
  }
  if (file.format === '2fas' && isEncryptedTwoFas(file.root)) {
    return { format: '2fas', ...(await importTwoFasEncrypted(file.root, password)) };
  }
  return importBackup(text);
}

type Recognised =
  | { format: 'uri-list'; text: string }
  | { format: Exclude<BackupFormat, 'uri-list'>; root: JsonObject };

/** Which format `text` is in, by its shape alone. @throws TypeError for JSON of no known format. */
function recognise(text: string): Recognised {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (!trimmed.startsWith('{')) return { format: 'uri-list', text: trimmed };
  const root = parseJson(trimmed, 'this backup file');
  if (isObject(root) && 'db' in root && 'header' in root) return { format: 'aegis', root };
  if (isObject(root) && ('services' in root || 'servicesEncrypted' in root)) return { format: '2fas', root };
  if (isObject(root) && Object.values(root).some((v) => isObject(v) && ('secret' in v || 'dataType' in v))) {
    return { format: 'authenticator-extension', root };
  }
  throw new TypeError(
    'this JSON file is not a backup format Tapkey knows (Aegis, 2FAS or Authenticator extension)',
  );
}
