/** Some new accounts are already stored: skip them, add them anyway, or replace the stored ones. */
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
    const heading = h(
      'h3',
      { id: 'dup-title', tabIndex: -1 },
      duplicates.length === 1
        ? 'This account is already here'
        : `${duplicates.length} accounts are already here`,
    );
    panel.replaceChildren(
      h(
        'section',
        { className: 'duplicates', role: 'alertdialog', 'aria-labelledby': 'dup-title' },
        heading,
        h('ul', {}, ...duplicates.map((d) => duplicateItem(d, accounts[d.index]))),
        h(
          'div',
          { className: 'actions' },
          h('button', { type: 'button', id: 'dup-skip', onclick: choose('skip') }, 'Skip'),
          h('button', { type: 'button', id: 'dup-add', onclick: choose('add') }, 'Add anyway'),
          h(
            'button',
            { type: 'button', id: 'dup-replace', className: 'primary', onclick: choose('replace') },
            'Replace',
          ),
        ),
      ),
    );
    heading.focus();
  });
}

function duplicateItem(d: OtpDuplicateView, account: OtpAccount | undefined): HTMLElement {
  const why = d.reason === 'secret' ? 'same secret as' : 'same issuer and account name as';
  return h('li', {}, `${account ? label(account) : 'An account'}: ${why} ${d.existingLabel}`);
}
