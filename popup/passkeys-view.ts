/** Passkeys grouped by site, with user, dates and counter; delete asks first. */
import { send } from '../src/messages/client.ts';
import type { CredentialSummaryView } from '../src/messages/views.ts';
import { formatDate, h } from './dom.ts';

const ALG_NAMES: Record<number, string> = { [-7]: 'ES256', [-8]: 'Ed25519' };

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
  const sites = [...bySite.keys()].sort();
  root.replaceChildren(
    ...sites.map((rpId) =>
      h(
        'section',
        { className: 'site-group', 'aria-label': rpId },
        h('h2', {}, rpId),
        h('ul', { className: 'passkeys' }, ...(bySite.get(rpId) ?? []).map((c) => passkeyItem(c, root))),
      ),
    ),
  );
}

function passkeyItem(c: CredentialSummaryView, root: HTMLElement): HTMLLIElement {
  const name = c.userName || '(no name)';
  const confirmRow = h('div', { className: 'confirm', hidden: true });
  const item = h(
    'li',
    { className: 'passkey', 'aria-label': `${name} on ${c.rpId}` },
    h(
      'div',
      { className: 'who' },
      h('strong', {}, name),
      c.userDisplayName && c.userDisplayName !== c.userName ? h('span', {}, c.userDisplayName) : null,
    ),
    h(
      'dl',
      { className: 'facts' },
      h('dt', {}, 'Created'),
      h('dd', {}, formatDate(c.createdAt)),
      h('dt', {}, 'Last used'),
      h('dd', {}, formatDate(c.lastUsedAt)),
      h('dt', {}, 'Counter'),
      h('dd', {}, String(c.signCount)),
      h('dt', {}, 'Kind'),
      h('dd', {}, `${ALG_NAMES[c.alg] ?? c.alg}${c.discoverable ? ', discoverable' : ''}`),
    ),
    h(
      'button',
      {
        type: 'button',
        className: 'danger small',
        'aria-label': `Delete passkey ${name} on ${c.rpId}`,
        onclick: () => {
          confirmRow.hidden = false;
          confirmRow.querySelector<HTMLButtonElement>('button.secondary')?.focus();
        },
      },
      'Delete',
    ),
    confirmRow,
  );
  confirmRow.append(
    h('p', {}, `Delete this passkey? You will no longer be able to sign in to ${c.rpId} as ${name} with it.`),
    h(
      'button',
      { type: 'button', className: 'secondary small', onclick: () => (confirmRow.hidden = true) },
      'Keep',
    ),
    h(
      'button',
      {
        type: 'button',
        className: 'danger small',
        onclick: async () => {
          await send('credentials/delete', { id: c.id });
          await renderPasskeys(root);
        },
      },
      'Delete for good',
    ),
  );
  return item;
}
