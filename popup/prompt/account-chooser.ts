/** Sign-in: the accounts this site can use, as radio buttons; the first is picked. */

import { t } from '../../src/i18n/messages.ts';
import type { CredentialSummaryView, PromptView } from '../../src/messages/views.ts';
import { h } from '../dom.ts';
import { formatDate } from '../format.ts';
import { clip } from './page-names.ts';

export interface AccountChooser {
  element: HTMLElement;
  /** The picked credential's id, if any. */
  picked(): string | undefined;
}

/** A sign-in for which Tapkey holds no passkey: nothing to approve. */
export function noPasskeyHere(p: PromptView): boolean {
  return p.kind === 'get' && p.candidates.length === 0;
}

/** Undefined when there is nothing to choose: a registration, or no passkey for the site. */
export function accountChooser(p: PromptView): AccountChooser | undefined {
  if (p.kind !== 'get' || p.candidates.length === 0) return undefined;
  const element = h(
    'fieldset',
    { className: 'accounts' },
    h('legend', {}, p.candidates.length > 1 ? t('prompt_chooseAccount') : t('prompt_account')),
    ...p.candidates.map((c, i) => accountOption(c, i === 0)),
  );
  return {
    element,
    picked: () => element.querySelector<HTMLInputElement>('input[name=account]:checked')?.value,
  };
}

function accountOption(c: CredentialSummaryView, checked: boolean): HTMLElement {
  return h(
    'label',
    { className: 'account' },
    h('input', { type: 'radio', name: 'account', value: c.id, checked }),
    h(
      'span',
      {},
      h('strong', {}, clip(c.userName) || t('prompt_noName')),
      c.userDisplayName && c.userDisplayName !== c.userName ? h('span', {}, ` ${c.userDisplayName}`) : null,
      h('small', {}, t('prompt_lastUsed', formatDate(c.lastUsedAt))),
    ),
  );
}
