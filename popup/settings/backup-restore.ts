/**
 * Restores a backup file: read it, open it with its passphrase (and the PIN), show what it would do,
 * let the user choose what happens to codes already here, then restore all of it in one go.
 */
import { send } from '../../src/messages/client.ts';
import type { RestorePlanView, RestoreResultView } from '../../src/messages/views.ts';
import { h } from '../dom.ts';
import { formatDate, plural } from '../format.ts';
import { passwordField } from '../password-field.ts';

export function restoreForm(pinSet: boolean, done: () => Promise<void>): HTMLFormElement {
  const file = h('input', { id: 'restore-file', type: 'file', accept: '.tapkey-backup,application/json' });
  const passphrase = passwordField('restore-passphrase', 'Passphrase of the file', 'current-password');
  const pin = pinSet ? passwordField('restore-pin', 'Your PIN', 'current-password') : null;
  const plan = h('div', { className: 'restore-plan', id: 'restore-plan' });
  const status = h('p', { role: 'status', className: 'status', id: 'restore-status' });
  const request = async () => {
    const text = await file.files?.[0]?.text();
    if (text === undefined) throw new Error('Choose the backup file first.');
    const r: { text: string; passphrase: string; pin?: string } = {
      text,
      passphrase: passphrase.input.value,
    };
    if (pin) r.pin = pin.input.value;
    return r;
  };
  const inspect = async (event: SubmitEvent) => {
    event.preventDefault();
    plan.replaceChildren();
    status.textContent = 'Opening the backup…';
    try {
      const res = await send('backup/inspect', await request());
      if (!res.ok) {
        status.textContent = res.error;
        return;
      }
      status.textContent = '';
      plan.replaceChildren(
        ...planView(res.createdAt, res.plan, async (onDuplicate) => {
          status.textContent = 'Restoring…';
          const restored = await send('backup/restore', { ...(await request()), onDuplicate });
          if (!restored.ok) {
            status.textContent = restored.error;
            return;
          }
          await done();
          document.getElementById('restore-status')?.append(resultText(restored.result));
        }),
      );
    } catch (e) {
      status.textContent = e instanceof Error ? e.message : String(e);
    }
  };
  return h(
    'form',
    { className: 'backup-restore', 'aria-label': 'Restore a backup', onsubmit: inspect },
    h('h3', {}, 'Restore a backup'),
    h('label', { for: 'restore-file' }, 'Backup file'),
    file,
    ...passphrase.nodes,
    ...(pin?.nodes ?? []),
    h('button', { type: 'submit', className: 'secondary' }, 'Open backup'),
    plan,
    status,
  );
}

type Choice = 'skip' | 'replace' | 'add';

function planView(createdAt: string, p: RestorePlanView, restore: (c: Choice) => Promise<void>): Node[] {
  const choice = h(
    'select',
    { id: 'restore-duplicates' },
    h('option', { value: 'skip' }, 'Keep the ones here'),
    h('option', { value: 'replace' }, 'Replace them with the backup’s'),
    h('option', { value: 'add' }, 'Keep both'),
  );
  const here =
    p.passkeys.alreadyHere > 0 ? ` (${p.passkeys.alreadyHere} already here: their counters move on)` : '';
  return [
    h(
      'p',
      {},
      `Backup of ${formatDate(Date.parse(createdAt))}: ${plural(p.passkeys.total, 'passkey')}${here}, ${plural(p.accounts.total, 'code account')}.`,
    ),
    p.accounts.duplicates > 0
      ? h(
          'label',
          { for: 'restore-duplicates' },
          `${plural(p.accounts.duplicates, 'code account')} already here:`,
        )
      : null,
    p.accounts.duplicates > 0 ? choice : null,
    h(
      'button',
      {
        type: 'button',
        className: 'primary',
        id: 'restore-confirm',
        onclick: () => restore(choice.value as Choice),
      },
      'Restore',
    ),
  ].filter((n) => n !== null);
}

function resultText(r: RestoreResultView): string {
  const parts = [
    `${plural(r.passkeysAdded, 'passkey')} restored`,
    r.passkeysUpdated ? `${r.passkeysUpdated} updated` : '',
    `${plural(r.accountsAdded, 'code account')} added`,
    r.accountsReplaced ? `${r.accountsReplaced} replaced` : '',
    r.accountsSkipped ? `${r.accountsSkipped} kept as they were` : '',
  ];
  return `Done: ${parts.filter(Boolean).join(', ')}.`;
}
