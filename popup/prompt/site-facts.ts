/** The site, the frame's top-level site, the relying party and the account, as a definition list. */

import { t } from '../../src/i18n/messages.ts';
import type { PromptView } from '../../src/messages/views.ts';
import { h } from '../dom.ts';
import { host } from '../format.ts';
import { siteIcon } from '../site-icon.ts';
import { isolated } from './page-names.ts';

export function siteFacts(p: PromptView): HTMLElement {
  return h(
    'dl',
    { className: 'site' },
    h('dt', {}, t('prompt_site')),
    h('dd', { className: 'origin' }, siteIcon(`${p.origin}/`, host(p.origin)), p.origin),
    p.topOrigin ? h('dt', {}, t('prompt_inside')) : null,
    p.topOrigin ? h('dd', { className: 'top-origin' }, p.topOrigin) : null,
    h('dt', {}, t('prompt_relyingParty')),
    h(
      'dd',
      {},
      p.rpName ? isolated(p.rpName) : null,
      p.rpName ? ' ' : null,
      // Isolated too: in right-to-left text, the parentheses would otherwise join the Arabic around them.
      h('bdi', {}, p.rpName ? `(${p.rpId})` : p.rpId),
    ),
    p.user ? h('dt', {}, t('prompt_account')) : null,
    p.user ? userFact(p.user) : null,
  );
}

function userFact(user: { name: string; displayName: string }): HTMLElement {
  const showDisplayName = user.displayName && user.displayName !== user.name;
  return h(
    'dd',
    {},
    isolated(user.name),
    showDisplayName ? ' — ' : null,
    showDisplayName ? isolated(user.displayName) : null,
  );
}
