/**
 * Restores a backup file: read it, open it with its passphrase (and the PIN), show what it would do,
 * let the user choose what happens to codes already here, then restore all of it in one go.
 */

import { t, tn } from '../../src/i18n/messages.ts';
import { send } from '../../src/messages/client.ts';
import type { RestorePlanView, RestoreResultView } from '../../src/messages/views.ts';
import { h } from '../dom.ts';
import { formatDate } from '../format.ts';
import { passwordField } from '../password-field.ts';

export function restoreForm(pinSet: boolean, done: () => Promise<void>): HTMLFormElement {
  const file = h('input', { id: 'restore-file', type: 'file', accept: '.tapkey-backup,application/json' });
  const passphrase = passwordField('restore-passphrase', t('restore_passphrase'), 'current-password');
  const pin = pinSet ? passwordField('restore-pin', t('settings_yourPin'), 'current-password') : null;
  const plan = h('div', { className: 'restore-plan', id: 'restore-plan' });
  const status = h('p', { role: 'status', className: 'status', id: 'restore-status' });
  const request = async () => {
    const text = await file.files?.[0]?.text();
    if (text === undefined) throw new Error(t('restore_chooseFile'));
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
    status.textContent = t('restore_opening');
    try {
      const res = await send('backup/inspect', await request());
      if (!res.ok) {
        status.textContent = res.error;
        return;
      }
      status.textContent = '';
      plan.replaceChildren(
        ...planView(res.createdAt, res.plan, async (onDuplicate) => {
          status.textContent = t('restore_restoring');
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
    { className: 'backup-restore', 'aria-label': t('restore_title'), onsubmit: inspect },
    h('h3', {}, t('restore_title')),
    h('label', { for: 'restore-file' }, t('restore_file')),
    file,
    ...passphrase.nodes,
    ...(pin?.nodes ?? []),
    h('button', { type: 'submit', className: 'secondary' }, t('import_open')),
    plan,
    status,
  );
}

type Choice = 'skip' | 'replace' | 'add';

function planView(createdAt: string, p: RestorePlanView, restore: (c: Choice) => Promise<void>): Node[] {
  const choice = h(
    'select',
    { id: 'restore-duplicates' },
    h('option', { value: 'skip' }, t('restore_keepHere')),
    h('option', { value: 'replace' }, t('restore_replace')),
    h('option', { value: 'add' }, t('restore_keepBoth')),
  );
  const date = formatDate(Date.parse(createdAt));
  const passkeys = tn('count_passkeys', p.passkeys.total);
  const accounts = tn('count_codeAccounts', p.accounts.total);
  return [
    h(
      'p',
      {},
      p.passkeys.alreadyHere > 0
        ? t('restore_planHere', date, passkeys, p.passkeys.alreadyHere, accounts)
        : t('restore_plan', date, passkeys, accounts),
    ),
    p.accounts.duplicates > 0
      ? h(
          'label',
          { for: 'restore-duplicates' },
          t('restore_duplicates', tn('count_codeAccounts', p.accounts.duplicates)),
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
      t('passkey_restore'),
    ),
  ].filter((n) => n !== null);
}

function resultText(r: RestoreResultView): string {
  const parts = [
    t('restore_passkeysRestored', tn('count_passkeys', r.passkeysAdded)),
    r.passkeysUpdated ? t('restore_updated', r.passkeysUpdated) : '',
    t('restore_accountsAdded', tn('count_codeAccounts', r.accountsAdded)),
    r.accountsReplaced ? t('restore_replaced', r.accountsReplaced) : '',
    r.accountsSkipped ? t('restore_kept', r.accountsSkipped) : '',
  ];
  return t(
    'restore_done',
    parts.filter(Boolean).reduce((earlier, next) => t('add_listJoin', earlier, next)),
  );
}
