/** One entry point for the import screen: recognises the file and calls the right reader. */
import { importAegisValue } from './aegis.ts';
import { importAuthenticatorExtensionValue } from './authenticator-extension.ts';
import { isObject, parseJson } from './json.ts';
import { importTwoFasValue } from './twofas.ts';
import type { ImportResult } from './types.ts';
import { importUriList } from './uri-list.ts';

/** The formats {@link importBackup} recognises. */
export type BackupFormat = 'uri-list' | 'aegis' | '2fas' | 'authenticator-extension';

/**
 * Imports a backup file's text: an Aegis vault, a 2FAS backup, an Authenticator extension backup (all
 * JSON), or else a list of `otpauth://` / `otpauth-migration://` URIs.
 * @throws TypeError for JSON that matches none of the formats, and for encrypted backups.
 */
export function importBackup(text: string): ImportResult & { format: BackupFormat } {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (!trimmed.startsWith('{')) return { format: 'uri-list', ...importUriList(trimmed) };
  const root = parseJson(trimmed, 'this backup file');
  if (isObject(root) && 'db' in root && 'header' in root)
    return { format: 'aegis', ...importAegisValue(root) };
  if (isObject(root) && ('services' in root || 'servicesEncrypted' in root)) {
    return { format: '2fas', ...importTwoFasValue(root) };
  }
  if (isObject(root) && Object.values(root).some((v) => isObject(v) && ('secret' in v || 'dataType' in v))) {
    return { format: 'authenticator-extension', ...importAuthenticatorExtensionValue(root) };
  }
  throw new TypeError(
    'this JSON file is not a backup format Tapkey knows ' +
      '(Aegis, 2FAS or Authenticator extension, unencrypted)',
  );
}
