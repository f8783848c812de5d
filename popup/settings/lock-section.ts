/** With a PIN: how long the vault stays unlocked without use, "Lock now", and removing the PIN. */
import { send } from '../../src/messages/client.ts';
import type { SettingsView } from '../../src/messages/views.ts';
import { h, hint } from '../dom.ts';
import { passwordField } from '../password-field.ts';

const CHOICES: readonly (readonly [number, string])[] = [
  [1, 'After 1 minute'],
  [5, 'After 5 minutes'],
  [15, 'After 15 minutes'],
  [60, 'After 1 hour'],
  [240, 'After 4 hours'],
  [0, 'Only when the browser closes'],
];

export function lockSection(s: SettingsView, changed: () => Promise<void>): HTMLElement {
  const select = h(
    'select',
    {
      id: 'auto-lock',
      onchange: async () => {
        await send('settings/auto-lock', { minutes: Number(select.value) });
        await changed();
      },
    },
    ...CHOICES.map(([minutes, text]) =>
      h('option', { value: String(minutes), selected: minutes === s.autoLockMinutes }, text),
    ),
  );
  return h(
    'section',
    { 'aria-labelledby': 'lock-title' },
    h('h2', { id: 'lock-title' }, 'Locking'),
    h(
      'p',
      { className: 'hint', id: 'lock-state' },
      s.locked ? 'Locked: the next sign-in or code asks for your PIN.' : 'Unlocked.',
    ),
    h('label', { for: 'auto-lock' }, 'Lock when not used'),
    select,
    s.locked
      ? null
      : h(
          'button',
          {
            type: 'button',
            className: 'secondary',
            id: 'lock-now',
            onclick: async () => {
              await send('vault/lock', {});
              await changed();
            },
          },
          'Lock now',
        ),
    removePinForm(changed),
  );
}

const WITHOUT_A_PIN =
  'Without a PIN, only your browser profile protects your passkeys and codes, and sites that require user verification cannot be used.';

function removePinForm(changed: () => Promise<void>): HTMLElement {
  const pin = passwordField('remove-pin-current', 'Your PIN, to remove it', 'current-password');
  const status = h('p', { role: 'status', className: 'status' });
  return h(
    'details',
    { className: 'remove-pin' },
    h('summary', {}, 'Remove the PIN'),
    hint(WITHOUT_A_PIN),
    ...pin.nodes,
    h(
      'button',
      {
        type: 'button',
        className: 'danger',
        onclick: async () => {
          const res = await send('settings/remove-pin', { currentPin: pin.input.value });
          if (res.ok) await changed();
          else status.textContent = res.error;
        },
      },
      'Remove PIN',
    ),
    status,
  );
}
