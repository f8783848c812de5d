/**
 * Import any backup format the core reads (otpauth:// lists, Google exports, Aegis, 2FAS,
 * Authenticator extension), asking for the password of an encrypted Aegis or 2FAS backup, and in
 * `work` when some accounts are already here.
 */

import { t } from '../../../src/i18n/messages.ts';
import {
  type BackupImport,
  importBackup,
  importBackupWithPassword,
} from '../../../src/totp/import-backup.ts';
import { PasswordRequiredError, WrongPasswordError } from '../../../src/totp/import-backup-errors.ts';
import { errorText } from '../../format.ts';
import { addAccounts, summary } from '../add-accounts.ts';
import { askSecret } from './ask-secret.ts';
import type { BackupStatus } from './backup-status.ts';

export async function importText(
  text: string,
  work: HTMLElement,
  say: BackupStatus['say'],
  added: (message: string) => Promise<void>,
): Promise<void> {
  say('');
  let parsed: BackupImport;
  try {
    parsed = importBackup(text);
  } catch (e) {
    if (!(e instanceof PasswordRequiredError)) return say('', errorText(e));
    const label = t('import_passwordOf', e.format === 'aegis' ? 'Aegis' : '2FAS');
    askSecret(work, { id: 'import-password', label, button: t('import_open') }, async (password) => {
      try {
        const opened = await importBackupWithPassword(text, password);
        work.replaceChildren();
        await save(opened, work, say, added);
        return { done: false };
      } catch (error) {
        if (error instanceof WrongPasswordError) return { done: false, error: errorText(error) };
        work.replaceChildren();
        say('', errorText(error));
        return { done: false };
      }
    });
    return;
  }
  await save(parsed, work, say, added);
}

async function save(
  parsed: BackupImport,
  work: HTMLElement,
  say: BackupStatus['say'],
  added: (message: string) => Promise<void>,
): Promise<void> {
  if (parsed.accounts.length === 0) {
    const why = parsed.issues.map((i) => `${i.where}: ${i.message}`).join('; ') || t('import_empty');
    return say('', t('import_none', why));
  }
  try {
    const outcome = await addAccounts(parsed.accounts, work);
    const message = summary(outcome, parsed.issues).replace(/^Added/, 'Imported');
    say(message);
    await added(message);
  } catch (e) {
    say('', errorText(e));
  }
}
