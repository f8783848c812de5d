/** Passkeys grouped by site (with its icon), with user, dates and counter; rename; delete asks first. */
import { send } from '../../src/messages/client.ts';
import type { CredentialSummaryView } from '../../src/messages/views.ts';
import { h, hint } from '../dom.ts';
import { siteIcon } from '../site-icon.ts';
import { type PasskeysChanged, passkeyItem } from './passkey-item.ts';
import { protectionNotice } from './protection-notice.ts';

export async function renderPasskeys(
  root: HTMLElement,
  openSettings: () => void,
  focus?: string,
): Promise<void> {
  const [list, settings] = await Promise.all([send('credentials/list', {}), send('settings/get', {})]);
  const notice = protectionNotice(settings, openSettings) ?? '';
  if (list.length === 0) {
    root.replaceChildren(
      notice,
      h(
        'p',
        { className: 'empty' },
        'No passkeys yet. When a site asks to register a security key, Tapkey will ask for your tap.',
      ),
    );
    return;
  }
  const bySite = new Map<string, CredentialSummaryView[]>();
  for (const c of list) if (!c.hidden) bySite.set(c.rpId, [...(bySite.get(c.rpId) ?? []), c]);
  const hidden = list.filter((c) => c.hidden).sort((a, b) => a.rpId.localeCompare(b.rpId));
  const changed: PasskeysChanged = (next) => renderPasskeys(root, openSettings, next);
  root.replaceChildren(
    notice,
    ...[...bySite.keys()]
      .sort()
      .map((rpId) =>
        h(
          'section',
          { className: 'site-group', 'aria-label': rpId },
          h('h2', {}, siteIcon(`https://${rpId}/`, rpId), rpId),
          h('ul', { className: 'passkeys' }, ...(bySite.get(rpId) ?? []).map((c) => passkeyItem(c, changed))),
        ),
      ),
    hidden.length > 0 ? hiddenGroup(hidden, changed) : '',
  );
  if (focus) root.querySelector<HTMLElement>(focus)?.focus();
}

/**
 * Passkeys a site said it no longer knows (WebAuthn L3 §5.1.10 signals): kept, not offered for
 * sign-in, and one Restore away from coming back.
 */
function hiddenGroup(hidden: CredentialSummaryView[], changed: PasskeysChanged): HTMLElement {
  return h(
    'section',
    { className: 'site-group hidden-group', 'aria-labelledby': 'hidden-by-site' },
    h('h2', { id: 'hidden-by-site' }, 'Hidden by the site'),
    hint(
      'These sites said they no longer know these passkeys, so Tapkey does not offer them for sign-in. Restore one if the site was wrong.',
    ),
    h('ul', { className: 'passkeys' }, ...hidden.map((c) => passkeyItem(c, changed))),
  );
}
