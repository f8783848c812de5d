/** Several accounts found at once: checkboxes (all ticked) to choose which to add. */

import { t } from '../../../src/i18n/messages.ts';
import type { OtpAccount } from '../../../src/totp/types.ts';
import { h } from '../../dom.ts';
import { label } from '../../format.ts';

/** Shows the choice in `work`; resolves with the chosen accounts (none: cancelled). */
export function pickAccounts(accounts: OtpAccount[], work: HTMLElement): Promise<OtpAccount[]> {
  return new Promise((resolve) => {
    const boxes = accounts.map((_account, i) =>
      h('input', { type: 'checkbox', id: `pick-${i}`, checked: true }),
    );
    work.replaceChildren(
      h(
        'fieldset',
        { className: 'pick' },
        h('legend', {}, t('pick_legend', accounts.length)),
        ...accounts.map((account, i) =>
          h('label', { for: `pick-${i}`, className: 'account' }, boxes[i]!, label(account)),
        ),
        h(
          'div',
          { className: 'actions' },
          h('button', { type: 'button', onclick: () => resolve([]) }, t('common_cancel')),
          h(
            'button',
            {
              type: 'button',
              className: 'primary',
              id: 'pick-add',
              onclick: () => resolve(accounts.filter((_, i) => boxes[i]!.checked)),
            },
            t('pick_add'),
          ),
        ),
      ),
    );
    boxes[0]?.focus();
  });
}
