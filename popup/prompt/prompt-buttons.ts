/** The prompt's buttons: Cancel and Approve, then the hand-back to the browser's own passkeys. */

import { t } from '../../src/i18n/messages.ts';
import type { PromptView } from '../../src/messages/views.ts';
import { h } from '../dom.ts';
import { host } from '../format.ts';
import type { PromptActions } from './prompt-actions.ts';

/**
 * Cancel and Approve. No Approve when the site has no passkey here: there is nothing to sign in with.
 * "Already registered" has one button, OK: it is the tap CTAP asks for before the site may learn that
 * (InvalidStateError); a Cancel beside it would look like the same thing. Escape still cancels.
 */
export function answerButtons(p: PromptView, actions: PromptActions, canApprove: boolean): HTMLElement {
  const approveLabel = p.excluded
    ? t('prompt_ok')
    : p.kind === 'create'
      ? t('prompt_approve')
      : t('prompt_signIn');
  return h(
    'div',
    { className: 'actions' },
    p.excluded
      ? null
      : h('button', { type: 'button', className: 'secondary', onclick: actions.cancel }, t('common_cancel')),
    canApprove
      ? h(
          'button',
          { type: 'button', className: 'primary', id: 'approve', onclick: actions.approve },
          approveLabel,
        )
      : null,
  );
}

export function fallbackButtons(p: PromptView, actions: PromptActions): HTMLElement {
  return h(
    'div',
    { className: 'fallback' },
    h('button', { type: 'button', className: 'link', onclick: actions.fallback }, t('prompt_fallback')),
    h(
      'button',
      { type: 'button', className: 'link', onclick: actions.neverHere },
      t('prompt_neverHere', host(p.topOrigin ?? p.origin)),
    ),
  );
}
