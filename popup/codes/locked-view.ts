/** A PIN protects the vault and the browser restarted: the secrets stay sealed until it is entered. */

import { t } from '../../src/i18n/messages.ts';
import { send } from '../../src/messages/client.ts';
import { h } from '../dom.ts';
import { passwordField } from '../password-field.ts';

export function renderLocked(root: HTMLElement, unlocked: () => Promise<void>): void {
  const pin = passwordField('otp-pin', t('pin_label'), 'current-password');
  const error = h('p', { className: 'error', role: 'alert' });
  root.replaceChildren(
    h(
      'form',
      {
        'aria-label': t('locked_unlockLabel'),
        onsubmit: async (event: SubmitEvent) => {
          event.preventDefault();
          const result = await send('otp/unlock', { pin: pin.input.value });
          if (!result.ok) {
            error.textContent = result.error;
            return;
          }
          await unlocked();
        },
      },
      h('p', {}, t('locked_text')),
      ...pin.nodes,
      error,
      h('button', { type: 'submit', className: 'primary' }, t('locked_unlock')),
    ),
  );
  pin.input.focus();
}
