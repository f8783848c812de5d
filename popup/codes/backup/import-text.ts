/**
 * Import any backup format the core reads (otpauth:// lists, Google exports, Aegis, 2FAS,
 * Authenticator extension), asking in `work` when some accounts are already here.
 */
import { importBackup } from '../../../src/totp/import-backup.ts';
import { errorText } from '../../format.ts';
import { addAccounts, summary } from '../add-accounts.ts';
import type { BackupStatus } from './backup-status.ts';

export async function importText(
  text: string,
  work: HTMLElement,
  say: BackupStatus['say'],
  added: (message: string) => Promise<void>,
): Promise<void> {
  say('');
  let parsed: ReturnType<typeof importBackup>;
  try {
    parsed = importBackup(text);
  } catch (e) {
    return say('', errorText(e));
  }
  if (parsed.accounts.length === 0) {
    const why = parsed.issues.map((i) => `${i.where}: ${i.message}`).join('; ') || 'the file is empty';
    return say('', `No accounts imported: ${why}.`);
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
