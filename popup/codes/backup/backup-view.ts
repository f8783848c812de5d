/**
 * Backup: export as an otpauth:// list, a plain Aegis vault, or Google Authenticator migration QR
 * codes shown here; import a backup from a file or pasted text.
 */
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
    h('h3', {}, 'Export'),
    h(
      'div',
      { className: 'add-ways' },
      button('export-uris', 'otpauth:// list (.txt)', () => void exportFile('uri-list', say, qrArea)),
      button('export-aegis', 'Aegis JSON (.json)', () => void exportFile('aegis', say, qrArea)),
      button('export-google', 'Google Authenticator QR', () => void showGoogleExport(qrArea, say)),
    ),
    h('p', { className: 'note' }, 'Exports are not encrypted: anyone with the file can make your codes.'),
    qrArea,
    h('h3', {}, 'Import'),
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
    h(
      'label',
      { for: 'backup-file' },
      'Backup file (.txt, Aegis .json, 2FAS .2fas, Authenticator extension .json)',
    ),
    file,
    h('label', { for: 'backup-text' }, 'Or paste backup text'),
    paste,
    h(
      'button',
      { type: 'button', id: 'import-text', onclick: () => void importFrom(paste.value) },
      'Import text',
    ),
  ];
}
