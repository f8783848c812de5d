/** One passkey: who, when created and last used, counter and kind; Delete asks before it deletes. */
import { send } from '../../src/messages/client.ts';
import type { CredentialSummaryView } from '../../src/messages/views.ts';
import { h } from '../dom.ts';
import { formatDate } from '../format.ts';

const ALG_NAMES: Record<number, string> = { [-7]: 'ES256', [-8]: 'Ed25519' };

export function passkeyItem(c: CredentialSummaryView, deleted: () => Promise<void>): HTMLLIElement {
  const name = c.userName || '(no name)';
  const confirmRow = deleteConfirmation(c, name, deleted);
  const askFirst = () => {
    confirmRow.hidden = false;
    confirmRow.querySelector<HTMLButtonElement>('button.secondary')?.focus();
  };
  return h(
    'li',
    { className: 'passkey', 'aria-label': `${name} on ${c.rpId}` },
    h(
      'div',
      { className: 'who' },
      h('strong', {}, name),
      c.userDisplayName && c.userDisplayName !== c.userName ? h('span', {}, c.userDisplayName) : null,
    ),
    facts(c),
    h(
      'button',
      {
        type: 'button',
        className: 'danger small',
        'aria-label': `Delete passkey ${name} on ${c.rpId}`,
        onclick: askFirst,
      },
      'Delete',
    ),
    confirmRow,
  );
}

function facts(c: CredentialSummaryView): HTMLElement {
  return h(
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
  );
}

function deleteConfirmation(
  c: CredentialSummaryView,
  name: string,
  deleted: () => Promise<void>,
): HTMLElement {
  const row = h('div', { className: 'confirm', hidden: true });
  row.append(
    h('p', {}, `Delete this passkey? You will no longer be able to sign in to ${c.rpId} as ${name} with it.`),
    h('button', { type: 'button', className: 'secondary small', onclick: () => (row.hidden = true) }, 'Keep'),
    h(
      'button',
      {
        type: 'button',
        className: 'danger small',
        onclick: async () => {
          await send('credentials/delete', { id: c.id });
          await deleted();
        },
      },
      'Delete for good',
    ),
  );
  return row;
}
