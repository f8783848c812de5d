/**
 * One passkey: who, when created and last used, counter and kind. Rename changes the name Tapkey
 * shows (the site keeps its own); Delete asks before it deletes.
 */
import { send } from '../../src/messages/client.ts';
import type { CredentialSummaryView } from '../../src/messages/views.ts';
import { h, hint } from '../dom.ts';
import { fieldError } from '../field-error.ts';
import { formatDate } from '../format.ts';

const ALG_NAMES: Record<number, string> = { [-7]: 'ES256', [-8]: 'Ed25519', [-257]: 'RS256' };

/** `changed`: draws the list again; `focus` is a selector to focus in it afterwards. */
export type PasskeysChanged = (focus?: string) => Promise<void>;

export function passkeyItem(c: CredentialSummaryView, changed: PasskeysChanged): HTMLLIElement {
  const name = c.userName || '(no name)';
  const confirmRow = deleteConfirmation(c, name, () => changed());
  const askFirst = () => {
    confirmRow.hidden = false;
    confirmRow.querySelector<HTMLButtonElement>('button.secondary')?.focus();
  };
  const renameArea = h('div', { className: 'rename-area' });
  const renameButton = h(
    'button',
    {
      type: 'button',
      className: 'secondary small rename-button',
      'aria-label': `Rename passkey ${name} on ${c.rpId}`,
      'aria-expanded': 'false',
      onclick: () => {
        const open = renameButton.getAttribute('aria-expanded') !== 'true';
        renameButton.setAttribute('aria-expanded', String(open));
        renameArea.replaceChildren(
          ...(open ? [renameForm(c, name, changed, () => renameButton.click())] : []),
        );
        renameArea.querySelector('input')?.focus();
      },
    },
    'Rename',
  );
  const item = h(
    'li',
    { className: 'passkey', 'aria-label': `${name} on ${c.rpId}` },
    h(
      'div',
      { className: 'who' },
      h('strong', {}, name),
      c.userDisplayName && c.userDisplayName !== c.userName ? h('span', {}, c.userDisplayName) : null,
    ),
    facts(c),
    c.hidden ? h('p', { className: 'hint' }, `Hidden at the request of ${c.rpId}.`) : null,
    h(
      'div',
      { className: 'passkey-actions' },
      c.hidden ? restoreButton(c, name, changed) : null,
      renameButton,
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
    ),
    renameArea,
    confirmRow,
  );
  item.dataset.id = c.id;
  return item;
}

/** Shows a hidden passkey again; the focus lands on it in its site's group. */
function restoreButton(c: CredentialSummaryView, name: string, changed: PasskeysChanged): HTMLButtonElement {
  return h(
    'button',
    {
      type: 'button',
      className: 'primary small restore-button',
      'aria-label': `Restore passkey ${name} on ${c.rpId}`,
      onclick: async () => {
        await send('credentials/restore', { id: c.id });
        await changed(`li[data-id="${CSS.escape(c.id)}"] .rename-button`);
      },
    },
    'Restore',
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

/** The display name, edited in place; the site's user name stays as the site chose it. */
function renameForm(
  c: CredentialSummaryView,
  name: string,
  changed: PasskeysChanged,
  close: () => void,
): HTMLFormElement {
  const input = h('input', {
    type: 'text',
    id: `rename-${c.id}`,
    value: c.userDisplayName,
    maxLength: 256,
    autocomplete: 'off',
    spellcheck: false,
  });
  const about = hint('Only Tapkey shows this name; the site keeps the one it chose.', `rename-${c.id}-hint`);
  input.setAttribute('aria-describedby', about.id);
  const error = fieldError(input);
  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    const result = await send('credentials/rename', { id: c.id, userDisplayName: input.value });
    if (!result.ok) return error.show(result.error);
    await changed(`li[data-id="${CSS.escape(c.id)}"] .rename-button`);
  };
  return h(
    'form',
    { className: 'rename', 'aria-label': `Rename passkey ${name}`, onsubmit: save },
    h('label', { for: input.id }, 'Name shown in Tapkey'),
    input,
    error.element,
    about,
    h(
      'div',
      { className: 'actions' },
      h('button', { type: 'button', className: 'secondary small', onclick: close }, 'Cancel'),
      h('button', { type: 'submit', className: 'primary small' }, 'Save'),
    ),
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
