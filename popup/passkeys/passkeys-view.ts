/** Passkeys grouped by site (with its icon), with user, dates and counter; rename; delete asks first. */
import { send } from '../../src/messages/client.ts';
import type { CredentialSummaryView } from '../../src/messages/views.ts';
import { h } from '../dom.ts';
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
  for (const c of list) bySite.set(c.rpId, [...(bySite.get(c.rpId) ?? []), c]);
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
  );
  if (focus) root.querySelector<HTMLElement>(focus)?.focus();
}
