/** An account's secondary actions, built only when opened: rename, move up/down, delete (confirmed). */
import { send } from '../../src/messages/client.ts';
import type { OtpAccountView } from '../../src/messages/otp-protocol.ts';
import { h } from '../dom.ts';
import type { ListHost } from './code-list.ts';
import { label } from './format.ts';

export function rowMenu(
  view: OtpAccountView,
  all: readonly OtpAccountView[],
  host: ListHost,
  close: () => void,
): HTMLElement {
  const name = label(view);
  const index = all.findIndex((a) => a.id === view.id);
  const menu = h('div', { className: 'otp-menu', role: 'group', 'aria-label': `Actions for ${name}` });

  const move = async (delta: -1 | 1) => {
    const ids = all.map((a) => a.id);
    const j = index + delta;
    if (j < 0 || j >= ids.length) return;
    [ids[index], ids[j]] = [ids[j]!, ids[index]!];
    const result = await send('otp/reorder', { ids });
    if (!result.ok) return host.status(result.error, 'error');
    host.status(`Moved ${name} ${delta < 0 ? 'up' : 'down'}.`, 'ok');
    // Keep the keyboard where it was: the same button of the same account.
    await host.reload(`li[data-id="${view.id}"] .otp-more-button`);
  };

  const edit = () => {
    const issuer = h('input', { type: 'text', id: `edit-issuer-${view.id}`, value: view.issuer });
    const account = h('input', { type: 'text', id: `edit-account-${view.id}`, value: view.accountName });
    const form = h(
      'form',
      {
        className: 'otp-edit',
        'aria-label': `Edit ${name}`,
        onsubmit: async (event: SubmitEvent) => {
          event.preventDefault();
          const result = await send('otp/update', {
            id: view.id,
            issuer: issuer.value,
            accountName: account.value,
          });
          if (!result.ok) return host.status(result.error, 'error');
          host.status('Saved.', 'ok');
          await host.reload(`li[data-id="${view.id}"] .otp-code`);
        },
      },
      h('label', { for: issuer.id }, 'Issuer'),
      issuer,
      h('label', { for: account.id }, 'Account name'),
      account,
      h(
        'div',
        { className: 'actions' },
        h('button', { type: 'button', onclick: close }, 'Cancel'),
        h('button', { type: 'submit', className: 'primary' }, 'Save'),
      ),
    );
    menu.replaceChildren(form);
    issuer.focus();
  };

  const confirmDelete = () => {
    const yes = h(
      'button',
      {
        type: 'button',
        className: 'danger',
        onclick: async () => {
          const result = await send('otp/delete', { id: view.id });
          if (!result.ok) return host.status(result.error, 'error');
          host.status(`Deleted ${name}.`, 'ok');
          await host.reload('#otp-search');
        },
      },
      'Delete',
    );
    menu.replaceChildren(
      h(
        'div',
        { className: 'confirm', role: 'alertdialog', 'aria-label': `Delete ${name}?` },
        h(
          'p',
          {},
          `Delete ${name}? You will no longer get its codes; keep a backup or a way back into that site.`,
        ),
        h('button', { type: 'button', onclick: close }, 'Cancel'),
        yes,
      ),
    );
    yes.focus();
  };

  menu.append(
    h('button', { type: 'button', className: 'small', onclick: edit, 'aria-label': `Edit ${name}` }, 'Edit'),
    h(
      'button',
      {
        type: 'button',
        className: 'small',
        disabled: index <= 0,
        onclick: () => void move(-1),
        'aria-label': `Move ${name} up`,
      },
      'Move up',
    ),
    h(
      'button',
      {
        type: 'button',
        className: 'small',
        disabled: index >= all.length - 1,
        onclick: () => void move(1),
        'aria-label': `Move ${name} down`,
      },
      'Move down',
    ),
    h(
      'button',
      { type: 'button', className: 'small danger', onclick: confirmDelete, 'aria-label': `Delete ${name}` },
      'Delete',
    ),
  );
  return menu;
}
