/**
 * One passkey: who, when created and last used, counter and kind. Rename changes the name Tapkey
 * shows (the site keeps its own); Delete asks before it deletes.
 */

import { t } from '../../src/i18n/messages.ts';
import { send } from '../../src/messages/client.ts';
import type { CredentialSummaryView } from '../../src/messages/views.ts';
import { h, hint } from '../dom.ts';
import { fieldError } from '../field-error.ts';
import { formatDate } from '../format.ts';

const ALG_NAMES: Record<number, string> = { [-7]: 'ES256', [-8]: 'Ed25519', [-257]: 'RS256' };

/** `changed`: draws the list again; `focus` is a selector to focus in it afterwards. */
export type PasskeysChanged = (focus?: string) => Promise<void>;

export function passkeyItem(c: CredentialSummaryView, changed: PasskeysChanged): HTMLLIElement {
  const name = c.userName || t('prompt_noName');
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
      'aria-label': t('passkey_renameFor', name, c.rpId),
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
    t('passkey_rename'),
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
    c.hidden ? h('p', { className: 'hint' }, t('passkey_hiddenBy', c.rpId)) : null,
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
          'aria-label': t('passkey_deleteFor', name, c.rpId),
          onclick: askFirst,
        },
        t('common_delete'),
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
      'aria-label': t('passkey_restoreFor', name, c.rpId),
      onclick: async () => {
        await send('credentials/restore', { id: c.id });
        await changed(`li[data-id="${CSS.escape(c.id)}"] .rename-button`);
      },
    },
    t('passkey_restore'),
  );
}

function facts(c: CredentialSummaryView): HTMLElement {
  const algorithm = ALG_NAMES[c.alg] ?? String(c.alg);
  return h(
    'dl',
    { className: 'facts' },
    h('dt', {}, t('passkey_created')),
    h('dd', {}, formatDate(c.createdAt)),
    h('dt', {}, t('passkey_lastUsed')),
    h('dd', {}, formatDate(c.lastUsedAt)),
    h('dt', {}, t('passkey_counter')),
    h('dd', {}, String(c.signCount)),
    h('dt', {}, t('passkey_kind')),
    h('dd', {}, c.discoverable ? t('passkey_kindDiscoverable', algorithm) : algorithm),
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
  const about = hint(t('passkey_renameHint'), `rename-${c.id}-hint`);
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
    { className: 'rename', 'aria-label': t('passkey_renameForm', name), onsubmit: save },
    h('label', { for: input.id }, t('passkey_nameLabel')),
    input,
    error.element,
    about,
    h(
      'div',
      { className: 'actions' },
      h('button', { type: 'button', className: 'secondary small', onclick: close }, t('common_cancel')),
      h('button', { type: 'submit', className: 'primary small' }, t('common_save')),
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
    h('p', {}, t('passkey_deleteConfirm', c.rpId, name)),
    h(
      'button',
      { type: 'button', className: 'secondary small', onclick: () => (row.hidden = true) },
      t('passkey_keep'),
    ),
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
      t('passkey_deleteForGood'),
    ),
  );
  return row;
}
