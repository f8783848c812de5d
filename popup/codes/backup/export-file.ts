/** Export as a file: an otpauth:// list, or a plain (unencrypted) Aegis vault. */
import { send } from '../../../src/messages/client.ts';
import { download } from '../../dom.ts';
import { plural, today } from '../../format.ts';
import type { BackupStatus } from './backup-status.ts';

export async function exportFile(format: 'uri-list' | 'aegis', say: BackupStatus['say']): Promise<void> {
  const result = await send('otp/export', { format });
  if (!result.ok) return say('', result.error);
  if (result.format === 'google') return;
  if (format === 'uri-list') download(`tapkey-codes-${today()}.txt`, result.text, 'text/plain');
  else download(`tapkey-aegis-${today()}.json`, result.text, 'application/json');
  say(`Exported ${plural(result.count, 'account')}. Keep the file somewhere safe.`);
}
