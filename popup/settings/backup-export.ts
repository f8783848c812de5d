/** Makes the backup file: a passphrase typed twice, the PIN again if one is set, then a download. */

import { t, tn } from '../../src/i18n/messages.ts';
import { send } from '../../src/messages/client.ts';
import { download, h } from '../dom.ts';
import { passwordField } from '../password-field.ts';

export function exportForm(pinSet: boolean, done: () => Promise<void>): HTMLFormElement {
  const passphrase = passwordField('backup-passphrase', t('export_passphrase'), 'new-password');
  const confirm = passwordField('backup-passphrase-confirm', t('export_passphraseAgain'), 'new-password');
  const pin = pinSet ? passwordField('backup-pin', t('settings_yourPin'), 'current-password') : null;
  const status = h('p', { role: 'status', className: 'status', id: 'backup-export-status' });
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (passphrase.input.value !== confirm.input.value) {
      status.textContent = t('export_differ');
      return;
    }
    status.textContent = t('export_encrypting');
    const request: { passphrase: string; pin?: string } = { passphrase: passphrase.input.value };
    if (pin) request.pin = pin.input.value;
    const res = await send('backup/export', request);
    if (!res.ok) {
      status.textContent = res.error;
      return;
    }
    download(res.fileName, res.text, 'application/json');
    await done();
    document
      .getElementById('backup-export-status')
      ?.append(
        t(
          'export_saved',
          res.fileName,
          tn('count_passkeys', res.passkeys),
          tn('count_codeAccounts', res.accounts),
        ),
      );
  };
  return h(
    'form',
    { className: 'backup-export', 'aria-label': t('export_title'), onsubmit: submit },
    h('h3', {}, t('export_title')),
    ...passphrase.nodes,
    ...confirm.nodes,
    ...(pin?.nodes ?? []),
    h('button', { type: 'submit', className: 'primary' }, t('export_download')),
    status,
  );
}
