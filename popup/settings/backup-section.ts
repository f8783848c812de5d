/**
 * Backup and restore of everything: one encrypted file with every passkey (private keys included),
 * code and setting. The passphrase and the PIN go to the worker, which seals and opens the file; the
 * popup only ever holds the sealed text.
 */
import type { SettingsView } from '../../src/messages/views.ts';
import { h, hint } from '../dom.ts';
import { formatDate, plural } from '../format.ts';
import { cxfSection } from './backup-cxf.ts';
import { exportForm } from './backup-export.ts';
import { restoreForm } from './backup-restore.ts';

export function backupSection(s: SettingsView, changed: () => Promise<void>): HTMLElement {
  return h(
    'section',
    { 'aria-labelledby': 'backup-title' },
    h('h2', { id: 'backup-title' }, 'Backup and restore'),
    h(
      'p',
      {
        className: s.lastBackupAt === null || s.passkeysSinceBackup > 0 ? 'warning' : 'hint',
        id: 'backup-state',
      },
      backupState(s),
    ),
    exportForm(s.pinSet, changed),
    restoreForm(s.pinSet, changed),
    cxfSection(s.pinSet, changed),
    hint(
      'Keep the file and its passphrase apart. For the accounts that matter most, also register a second security key or device, as AWS advises for MFA devices.',
    ),
  );
}

function backupState(s: SettingsView): string {
  if (s.lastBackupAt === null) {
    return s.passkeyCount === 0
      ? 'No backup yet.'
      : `No backup yet: if this browser profile is lost, so are your ${plural(s.passkeyCount, 'passkey')}.`;
  }
  const since = s.passkeysSinceBackup > 0 ? ` ${plural(s.passkeysSinceBackup, 'passkey')} added since.` : '';
  return `Last backup: ${formatDate(s.lastBackupAt)}.${since}`;
}
