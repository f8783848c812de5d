/** With a PIN: how long the vault stays unlocked without use, "Lock now", and removing the PIN. */

import { t, tn } from '../../src/i18n/messages.ts';
import { send } from '../../src/messages/client.ts';
import type { SettingsView } from '../../src/messages/views.ts';
import { h, hint } from '../dom.ts';
import { passwordField } from '../password-field.ts';

const CHOICES: readonly (readonly [number, string])[] = [
  [1, tn('lock_after', 1)],
  [5, tn('lock_after', 5)],
  [15, tn('lock_after', 15)],
  [60, tn('lock_afterHours', 1)],
  [240, tn('lock_afterHours', 4)],
  [0, t('lock_onClose')],
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
    h('h2', { id: 'lock-title' }, t('lock_title')),
    h('p', { className: 'hint', id: 'lock-state' }, s.locked ? t('lock_locked') : t('lock_unlocked')),
    h('label', { for: 'auto-lock' }, t('lock_when')),
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
          t('lock_now'),
        ),
    removePinForm(changed),
  );
}

const WITHOUT_A_PIN = t('lock_removeWarning');

function removePinForm(changed: () => Promise<void>): HTMLElement {
  const pin = passwordField('remove-pin-current', t('lock_removePinLabel'), 'current-password');
  const status = h('p', { role: 'status', className: 'status' });
  return h(
    'details',
    { className: 'remove-pin' },
    h('summary', {}, t('lock_removeSummary')),
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
      t('lock_removePin'),
    ),
    status,
  );
}
