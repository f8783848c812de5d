/** CTAP's authenticatorReset: the way out of a blocked PIN, and a clean slate. Typed confirmation. */

import { t } from '../../src/i18n/messages.ts';
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
    if (confirmInput.value !== t('reset_word')) {
      status.textContent = t('reset_typeWord', t('reset_word'));
      return;
    }
    await send('settings/reset', { confirm: 'RESET' });
    await rerender();
    // The section was built anew: say it in the new one.
    root.querySelector('#reset-title')?.closest('section')?.querySelector('.status')?.append(t('reset_done'));
  };
  return h(
    'section',
    { 'aria-labelledby': 'reset-title', className: 'danger-zone' },
    h('h2', { id: 'reset-title' }, t('reset_title')),
    h('p', { className: blocked ? 'error' : 'hint' }, blocked ? t('reset_blocked') : t('reset_warning')),
    h('label', { for: 'reset-confirm' }, t('reset_confirmLabel', t('reset_word'))),
    confirmInput,
    h('button', { type: 'button', className: 'danger', onclick: erase }, t('reset_erase')),
    status,
  );
}
