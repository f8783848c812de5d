/** Set or change the PIN: user verification, and the key that encrypts passkeys and secrets at rest. */

import { t, tn } from '../../src/i18n/messages.ts';
import { send } from '../../src/messages/client.ts';
import type { SettingsView } from '../../src/messages/views.ts';
import { h } from '../dom.ts';
import { passwordField } from '../password-field.ts';

export function pinForm(s: SettingsView, saved: () => Promise<void>): HTMLFormElement {
  const status = h('p', { role: 'status', className: 'status' });
  // Each with a Show toggle, so a PIN can be checked before it is saved.
  const current = s.pinSet ? passwordField('current-pin', t('pin_current'), 'current-password') : null;
  const next = passwordField('new-pin', t('pin_new'), 'new-password', { minLength: 4 });
  const confirm = passwordField('confirm-pin', t('pin_confirmNew'), 'new-password');
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (next.input.value !== confirm.input.value) {
      status.textContent = t('pin_newDiffer');
      return;
    }
    status.textContent = t('common_saving');
    const payload: { newPin: string; currentPin?: string } = { newPin: next.input.value };
    if (current) payload.currentPin = current.input.value;
    const res = await send('settings/set-pin', payload);
    status.textContent = res.ok ? t('pin_saved') : res.error;
    if (res.ok) await saved();
  };
  return h(
    'form',
    { className: 'pin-form', 'aria-label': s.pinSet ? t('pin_change') : t('pin_setTitle'), onsubmit: submit },
    h('h2', {}, s.pinSet ? t('pin_change') : t('pin_setTitle')),
    h('p', { className: 'hint' }, pinHint(s)),
    ...(current?.nodes ?? []),
    ...next.nodes,
    ...confirm.nodes,
    h('button', { type: 'submit', className: 'primary' }, s.pinSet ? t('pin_change') : t('pin_set')),
    status,
  );
}

function pinHint(s: SettingsView): string {
  if (!s.pinSet) {
    return t('pin_none');
  }
  return s.locked
    ? `${tn('pin_protects', s.pinRetries)} ${t('pin_lockedNext')}`
    : tn('pin_protects', s.pinRetries);
}
