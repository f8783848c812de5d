/** Passkeys grouped by site, with user, dates and counter; delete asks first. */
import { send } from '../../src/messages/client.ts';
import type { CredentialSummaryView } from '../../src/messages/views.ts';
import { h } from '../dom.ts';
import { passkeyItem } from './passkey-item.ts';

export async function renderPasskeys(root: HTMLElement): Promise<void> {
  const list = await send('credentials/list', {});
  if (list.length === 0) {
    root.replaceChildren(
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
  const deleted = () => renderPasskeys(root);
  root.replaceChildren(
    ...[...bySite.keys()]
      .sort()
      .map((rpId) =>
        h(
          'section',
          { className: 'site-group', 'aria-label': rpId },
          h('h2', {}, rpId),
          h('ul', { className: 'passkeys' }, ...(bySite.get(rpId) ?? []).map((c) => passkeyItem(c, deleted))),
        ),
      ),
  );
}
