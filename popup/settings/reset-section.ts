/** CTAP's authenticatorReset: the way out of a blocked PIN, and a clean slate. Typed confirmation. */
import { send } from '../../src/messages/client.ts';
import { h } from '../dom.ts';

export function resetSection(
  root: HTMLElement,
  blocked: boolean,
  rerender: () => Promise<void>,
): HTMLElement {
  const confirmInput = h('input', {
    id: 'reset-confirm',
    type: 'text',
    autocomplete: 'off',
    spellcheck: false,
  });
  const status = h('p', { role: 'status', className: 'status' });
  const erase = async () => {
    if (confirmInput.value !== 'RESET') {
      status.textContent = 'Type RESET (in capitals) to confirm.';
      return;
    }
    await send('settings/reset', { confirm: 'RESET' });
    await rerender();
    // The section was built anew: say it in the new one.
    root
      .querySelector('#reset-title')
      ?.closest('section')
      ?.querySelector('.status')
      ?.append('Tapkey was reset.');
  };
  return h(
    'section',
    { 'aria-labelledby': 'reset-title', className: 'danger-zone' },
    h('h2', { id: 'reset-title' }, 'Reset Tapkey'),
    h(
      'p',
      { className: blocked ? 'error' : 'hint' },
      blocked
        ? 'Your PIN is blocked after too many wrong attempts. As on a hardware key, the only way to use Tapkey again is to reset it, which erases every passkey and code.'
        : 'Erases every passkey, every authenticator code and the PIN. Sites will no longer accept the passkeys. This cannot be undone.',
    ),
    h('label', { for: 'reset-confirm' }, 'Type RESET to confirm'),
    confirmInput,
    h('button', { type: 'button', className: 'danger', onclick: erase }, 'Erase everything'),
    status,
  );
}
