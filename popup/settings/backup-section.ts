/**
 * Backup and restore of everything: one encrypted file with every passkey (private keys included),
 * code and setting. The passphrase and the PIN go to the worker, which seals and opens the file; the
 * popup only ever holds the sealed text.
 */

import { t, tn } from '../../src/i18n/messages.ts';
import type { SettingsView } from '../../src/messages/views.ts';
import { h, hint } from '../dom.ts';
import { formatDate } from '../format.ts';
import { cxfSection } from './backup-cxf.ts';
import { exportForm } from './backup-export.ts';
import { restoreForm } from './backup-restore.ts';

export function backupSection(s: SettingsView, changed: () => Promise<void>): HTMLElement {
  return h(
    'section',
    { 'aria-labelledby': 'backup-title' },
    h('h2', { id: 'backup-title' }, t('backup_title')),
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
    hint(t('backup_advice')),
  );
}

function backupState(s: SettingsView): string {
  if (s.lastBackupAt === null) {
    return s.passkeyCount === 0
      ? t('backup_none')
      : t('backup_noneLost', tn('count_passkeys', s.passkeyCount));
  }
  const date = formatDate(s.lastBackupAt);
  if (s.passkeysSinceBackup === 0) return t('backup_last', date);
  return t('backup_lastSince', date, tn('count_passkeys', s.passkeysSinceBackup));
}
