/** Makes the backup file: a passphrase typed twice, the PIN again if one is set, then a download. */
import { send } from '../../src/messages/client.ts';
import { download, h } from '../dom.ts';
import { plural } from '../format.ts';
import { passwordField } from '../password-field.ts';

export function exportForm(pinSet: boolean, done: () => Promise<void>): HTMLFormElement {
  const passphrase = passwordField(
    'backup-passphrase',
    'Passphrase for the file (10 characters or more)',
    'new-password',
  );
  const confirm = passwordField('backup-passphrase-confirm', 'Passphrase again', 'new-password');
  const pin = pinSet ? passwordField('backup-pin', 'Your PIN', 'current-password') : null;
  const status = h('p', { role: 'status', className: 'status', id: 'backup-export-status' });
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (passphrase.input.value !== confirm.input.value) {
      status.textContent = 'The two passphrases differ.';
      return;
    }
    status.textContent = 'Encrypting… (this takes a few seconds, on purpose)';
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
        `Saved ${res.fileName}: ${plural(res.passkeys, 'passkey')} and ${plural(res.accounts, 'code account')}.`,
      );
  };
  return h(
    'form',
    { className: 'backup-export', 'aria-label': 'Back up everything', onsubmit: submit },
    h('h3', {}, 'Back up everything'),
    ...passphrase.nodes,
    ...confirm.nodes,
    ...(pin?.nodes ?? []),
    h('button', { type: 'submit', className: 'primary' }, 'Download backup'),
    status,
  );
}
