/** Set or change the PIN: user verification, and the key that encrypts passkeys and secrets at rest. */
import { send } from '../../src/messages/client.ts';
import type { SettingsView } from '../../src/messages/views.ts';
import { h } from '../dom.ts';
import { passwordField } from '../password-field.ts';

export function pinForm(s: SettingsView, saved: () => Promise<void>): HTMLFormElement {
  const status = h('p', { role: 'status', className: 'status' });
  // Each with a Show toggle, so a PIN can be checked before it is saved.
  const current = s.pinSet ? passwordField('current-pin', 'Current PIN', 'current-password') : null;
  const next = passwordField('new-pin', 'New PIN', 'new-password', { minLength: 4 });
  const confirm = passwordField('confirm-pin', 'Confirm new PIN', 'new-password');
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (next.input.value !== confirm.input.value) {
      status.textContent = 'The two new PINs differ.';
      return;
    }
    status.textContent = 'Saving…';
    const payload: { newPin: string; currentPin?: string } = { newPin: next.input.value };
    if (current) payload.currentPin = current.input.value;
    const res = await send('settings/set-pin', payload);
    status.textContent = res.ok ? 'PIN saved. Your passkeys are now encrypted with it.' : res.error;
    if (res.ok) await saved();
  };
  return h(
    'form',
    { className: 'pin-form', 'aria-label': s.pinSet ? 'Change PIN' : 'Set a PIN', onsubmit: submit },
    h('h2', {}, s.pinSet ? 'Change PIN' : 'Set a PIN'),
    h('p', { className: 'hint' }, pinHint(s)),
    ...(current?.nodes ?? []),
    ...next.nodes,
    ...confirm.nodes,
    h('button', { type: 'submit', className: 'primary' }, s.pinSet ? 'Change PIN' : 'Set PIN'),
    status,
  );
}

function pinHint(s: SettingsView): string {
  if (!s.pinSet) {
    return 'Without a PIN your passkeys are protected only by your browser profile. A PIN encrypts them and lets sites require user verification.';
  }
  return `A PIN protects your passkeys. ${s.pinRetries} attempts left before it blocks.${s.locked ? ' Locked: the next sign-in asks for it.' : ''}`;
}
