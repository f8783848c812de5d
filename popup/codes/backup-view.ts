/**
 * Backup: export as an otpauth:// list, a plain Aegis vault, or Google Authenticator migration QR
 * codes shown here; import any backup format the core reads (otpauth:// lists, Google exports, Aegis,
 * 2FAS, Authenticator extension) from a file or pasted text.
 */
import { send } from '../../src/messages/client.ts';
import { importBackup } from '../../src/totp/import-backup.ts';
import { h } from '../dom.ts';
import { addAccounts, summary } from './add-accounts.ts';
import { download, errorText, today } from './format.ts';

export function renderBackup(root: HTMLElement, host: { added(message: string): Promise<void> }): void {
  const status = h('p', { role: 'status', className: 'hint', id: 'backup-status' });
  const error = h('p', { role: 'alert', className: 'error', id: 'backup-error' });
  const qrArea = h('div', { className: 'migration-qr' });
  const work = h('div');
  const say = (ok: string, bad = '') => {
    status.textContent = ok;
    error.textContent = bad;
  };

  const exportFile = async (format: 'uri-list' | 'aegis') => {
    const result = await send('otp/export', { format });
    if (!result.ok) return say('', result.error);
    if (result.format === 'google') return;
    if (format === 'uri-list') download(`tapkey-codes-${today()}.txt`, result.text, 'text/plain');
    else download(`tapkey-aegis-${today()}.json`, result.text, 'application/json');
    say(`Exported ${result.count} account${result.count === 1 ? '' : 's'}. Keep the file somewhere safe.`);
  };

  const showGoogle = async () => {
    const result = await send('otp/export', { format: 'google' });
    if (!result.ok) return say('', result.error);
    if (result.format !== 'google') return;
    if (result.uris.length === 0) return say('', 'Nothing to export to Google Authenticator.');
    let index = 0;
    const img = h('img', { id: 'migration-img', width: 240, height: 240, alt: '' });
    const caption = h('p', { id: 'migration-caption', 'aria-live': 'polite' });
    const prev = h('button', { type: 'button', className: 'small' }, 'Previous');
    const next = h('button', { type: 'button', className: 'small' }, 'Next');
    const show = async () => {
      // The QR encoder loads only when migration codes are shown.
      const { default: QRCode } = await import('qrcode');
      img.src = await QRCode.toDataURL(result.uris[index]!, {
        errorCorrectionLevel: 'L',
        margin: 2,
        width: 240,
      });
      img.alt = `Google Authenticator export QR code ${index + 1} of ${result.uris.length}`;
      caption.textContent = `${index + 1} of ${result.uris.length}`;
      prev.disabled = index === 0;
      next.disabled = index === result.uris.length - 1;
    };
    prev.addEventListener('click', () => {
      index--;
      void show();
    });
    next.addEventListener('click', () => {
      index++;
      void show();
    });
    qrArea.replaceChildren(
      h(
        'p',
        { className: 'note' },
        'Scan these in Google Authenticator (Transfer accounts → Import). Anyone who sees them can copy your accounts.',
      ),
      img,
      caption,
      h(
        'div',
        { className: 'actions' },
        prev,
        next,
        h('button', { type: 'button', className: 'small', onclick: () => qrArea.replaceChildren() }, 'Hide'),
      ),
    );
    await show();
    say(
      `${result.count} account${result.count === 1 ? '' : 's'} in ${result.uris.length} QR code${result.uris.length === 1 ? '' : 's'}.`,
      result.left.length ? `Left out: ${result.left.join('; ')}` : '',
    );
  };

  const importText = async (text: string) => {
    say('');
    let parsed: ReturnType<typeof importBackup>;
    try {
      parsed = importBackup(text);
    } catch (e) {
      return say('', errorText(e));
    }
    if (parsed.accounts.length === 0) {
      return say(
        '',
        `No accounts imported: ${parsed.issues.map((i) => `${i.where}: ${i.message}`).join('; ') || 'the file is empty'}.`,
      );
    }
    try {
      const outcome = await addAccounts(parsed.accounts, work);
      const message = summary(outcome, parsed.issues).replace(/^Added/, 'Imported');
      say(message);
      await host.added(message);
    } catch (e) {
      say('', errorText(e));
    }
  };

  const file = h('input', {
    type: 'file',
    id: 'backup-file',
    accept: '.txt,.json,.2fas,text/plain,application/json',
  });
  file.addEventListener('change', async () => {
    const chosen = file.files?.[0];
    file.value = '';
    if (chosen) await importText(await chosen.text());
  });
  const paste = h('textarea', { id: 'backup-text', rows: 3, spellcheck: false });

  root.replaceChildren(
    h('h3', {}, 'Export'),
    h(
      'div',
      { className: 'add-ways' },
      h(
        'button',
        { type: 'button', id: 'export-uris', onclick: () => void exportFile('uri-list') },
        'otpauth:// list (.txt)',
      ),
      h(
        'button',
        { type: 'button', id: 'export-aegis', onclick: () => void exportFile('aegis') },
        'Aegis JSON (.json)',
      ),
      h(
        'button',
        { type: 'button', id: 'export-google', onclick: () => void showGoogle() },
        'Google Authenticator QR',
      ),
    ),
    h('p', { className: 'note' }, 'Exports are not encrypted: anyone with the file can make your codes.'),
    qrArea,
    h('h3', {}, 'Import'),
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
      { type: 'button', id: 'import-text', onclick: () => void importText(paste.value) },
      'Import text',
    ),
    work,
    status,
    error,
  );
}
