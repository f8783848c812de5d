/**
 * Backup: export as an otpauth:// list, a plain Aegis vault, or Google Authenticator migration QR
 * codes shown here; import a backup from a file or pasted text.
 */

import { t } from '../../../src/i18n/messages.ts';
import { h } from '../../dom.ts';
import { backupStatus } from './backup-status.ts';
import { exportFile } from './export-file.ts';
import { showGoogleExport } from './google-export.ts';
import { importText } from './import-text.ts';

export interface BackupHost {
  /** Accounts were imported: reload the list. */
  added(message: string): Promise<void>;
}

export function renderBackup(root: HTMLElement, host: BackupHost): void {
  const { elements, say } = backupStatus();
  const qrArea = h('div', { className: 'migration-qr' });
  const work = h('div');
  const importFrom = (text: string) => importText(text, work, say, (message) => host.added(message));
  const button = (id: string, text: string, onclick: () => void) =>
    h('button', { type: 'button', id, onclick }, text);
  root.replaceChildren(
    h('h3', {}, t('backup_export')),
    h(
      'div',
      { className: 'add-ways' },
      button('export-uris', t('backup_exportUris'), () => void exportFile('uri-list', say, qrArea)),
      button('export-aegis', t('backup_exportAegis'), () => void exportFile('aegis', say, qrArea)),
      button('export-google', t('backup_exportGoogle'), () => void showGoogleExport(qrArea, say)),
    ),
    h('p', { className: 'note' }, t('backup_notEncrypted')),
    qrArea,
    h('h3', {}, t('backup_import')),
    ...importControls(importFrom),
    work,
    ...elements,
  );
}

function importControls(importFrom: (text: string) => Promise<void>): HTMLElement[] {
  const file = h('input', {
    type: 'file',
    id: 'backup-file',
    accept: '.txt,.json,.2fas,text/plain,application/json',
  });
  file.addEventListener('change', async () => {
    const chosen = file.files?.[0];
    file.value = '';
    if (chosen) await importFrom(await chosen.text());
  });
  const paste = h('textarea', { id: 'backup-text', rows: 3, spellcheck: false });
  return [
    h('label', { for: 'backup-file' }, t('backup_fileLabel')),
    file,
    h('label', { for: 'backup-text' }, t('backup_pasteLabel')),
    paste,
    h(
      'button',
      { type: 'button', id: 'import-text', onclick: () => void importFrom(paste.value) },
      t('backup_importText'),
    ),
  ];
}
