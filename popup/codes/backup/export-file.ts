/** Export as a file: an otpauth:// list, or a plain (unencrypted) Aegis vault; the PIN first if set. */

import { t, tn } from '../../../src/i18n/messages.ts';
import { send } from '../../../src/messages/client.ts';
import { download } from '../../dom.ts';
import { today } from '../../format.ts';
import { askSecret } from './ask-secret.ts';
import type { BackupStatus } from './backup-status.ts';

export async function exportFile(
  format: 'uri-list' | 'aegis',
  say: BackupStatus['say'],
  work: HTMLElement,
  pin?: string,
): Promise<{ done: boolean; error?: string }> {
  const result = await send('otp/export', pin === undefined ? { format } : { format, pin });
  if (!result.ok) {
    if (result.needsPin && pin === undefined) {
      askSecret(work, { id: 'export-pin', label: t('backup_pinToExport'), button: t('backup_export') }, (p) =>
        exportFile(format, say, work, p),
      );
      return { done: false };
    }
    if (result.needsPin) return { done: false, error: result.error };
    say('', result.error);
    return { done: true };
  }
  if (result.format === 'google') return { done: true };
  if (format === 'uri-list') download(`tapkey-codes-${today()}.txt`, result.text, 'text/plain');
  else download(`tapkey-aegis-${today()}.json`, result.text, 'application/json');
  say(t('backup_exported', tn('count_accounts', result.count)));
  return { done: true };
}
