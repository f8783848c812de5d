/** Some new accounts are already stored: skip them, add them anyway, or replace the stored ones. */

import { t, tn } from '../../src/i18n/messages.ts';
import type { OtpDuplicatePolicy } from '../../src/messages/protocol.ts';
import type { OtpDuplicateView } from '../../src/messages/views.ts';
import type { OtpAccount } from '../../src/totp/types.ts';
import { h } from '../dom.ts';
import { label } from '../format.ts';

/** Shows the choice in `panel`; resolves with the policy the user picked. */
export function askAboutDuplicates(
  duplicates: readonly OtpDuplicateView[],
  accounts: readonly OtpAccount[],
  panel: HTMLElement,
): Promise<OtpDuplicatePolicy> {
  return new Promise((resolve) => {
    const choose = (p: OtpDuplicatePolicy) => () => resolve(p);
    const heading = h('h3', { id: 'dup-title', tabIndex: -1 }, tn('dup_already', duplicates.length));
    panel.replaceChildren(
      h(
        'section',
        { className: 'duplicates', role: 'alertdialog', 'aria-labelledby': 'dup-title' },
        heading,
        h('ul', {}, ...duplicates.map((d) => duplicateItem(d, accounts[d.index]))),
        h(
          'div',
          { className: 'actions' },
          h('button', { type: 'button', id: 'dup-skip', onclick: choose('skip') }, t('dup_skip')),
          h('button', { type: 'button', id: 'dup-add', onclick: choose('add') }, t('dup_add')),
          h(
            'button',
            { type: 'button', id: 'dup-replace', className: 'primary', onclick: choose('replace') },
            t('dup_replace'),
          ),
        ),
      ),
    );
    heading.focus();
  });
}

function duplicateItem(d: OtpDuplicateView, account: OtpAccount | undefined): HTMLElement {
  const key = d.reason === 'secret' ? 'dup_sameSecret' : 'dup_sameName';
  return h('li', {}, t(key, account ? label(account) : t('dup_anAccount'), d.existingLabel));
}
