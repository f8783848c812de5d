/**
 * A core error message ("wrong PIN; 7 attempts left") as a sentence the popup can show, in the
 * user's language. The core (storage, backup, totp) knows no extension API and so no catalogue: its
 * messages are English, and the ones a user meets every day are matched here to their catalogue
 * sentence. Anything else (a format diagnostic naming a file's fields) is shown as the core wrote it.
 */
import { t, tn } from '../i18n/messages.ts';

type Translate = (match: RegExpMatchArray) => string;

const KNOWN: readonly (readonly [RegExp, Translate])[] = [
  [/^wrong PIN; (\d+) attempts left$/, (m) => tn('error_pinWrong', Number(m[1]))],
  [/^wrong PIN; the PIN is now blocked$/, () => t('error_pinNowBlocked')],
  [/^the PIN is blocked after too many wrong attempts$/, () => t('error_pinBlocked')],
  [/^no PIN is set on this key$/, () => t('error_pinNotSet')],
  [
    /^a PIN has (\d+) to (\d+) characters; this one has (\d+)$/,
    (m) => t('error_pinLength', m[1]!, m[2]!, m[3]!),
  ],
  [/^enter your current PIN to change it$/, () => t('error_pinCurrent')],
  [/^choose a passphrase of at least (\d+) characters$/, (m) => t('error_backupWeak', m[1]!)],
  [/^this backup file is incomplete \(cut short\): nothing was restored$/, () => t('error_backupCut')],
  [/^this file is not a Tapkey backup \(it is not JSON\)$/, () => t('error_backupNotJson')],
  [/^this file is not a Tapkey backup$/, () => t('error_backupNotBackup')],
  [/^this backup was made by a newer Tapkey: update Tapkey, then restore it$/, () => t('error_backupNewer')],
  [/^this backup file is damaged \(its header is incomplete or changed\)$/, () => t('error_backupHeader')],
  [/^wrong passphrase for this backup$/, () => t('error_backupWrongPassphrase')],
  [/^this backup file is damaged or was changed: nothing was restored$/, () => t('error_backupChanged')],
  [/^this backup cannot be read: (.*)$/s, (m) => t('error_backupUnreadable', m[1]!)],
];

export function sentence(message: string): string {
  for (const [pattern, translate] of KNOWN) {
    const match = message.match(pattern);
    if (match) return translate(match);
  }
  return message.charAt(0).toUpperCase() + message.slice(1) + (message.endsWith('.') ? '' : '.');
}
