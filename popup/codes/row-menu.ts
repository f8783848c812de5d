/**
 * An account's secondary actions, built only when opened: rename, the sites it fills into, pin,
 * move up/down (the keyboard's way to reorder; the mouse can drag), delete (confirmed).
 */

import { t } from '../../src/i18n/messages.ts';
import { send } from '../../src/messages/client.ts';
import type { OtpAccountView } from '../../src/messages/views.ts';
import { h } from '../dom.ts';
import { label } from '../format.ts';
import type { MenuPart, RowMenuHost } from './row-menu-types.ts';
import { sitesForm } from './sites-form.ts';

export type { MenuPart, RowMenuHost } from './row-menu-types.ts';

/** `all`: every account in the user's order, pinned ones first. */
export function rowMenu(
  view: OtpAccountView,
  all: readonly OtpAccountView[],
  host: RowMenuHost,
  close: () => void,
): HTMLElement {
  const name = label(view);
  const index = all.findIndex((a) => a.id === view.id);
  // An account moves past its neighbours in its own group only: pinned ones stay first.
  const canMove = (delta: -1 | 1) => all[index + delta]?.pinned === view.pinned;
  const pin = view.pinned ? t('menu_unpin') : t('menu_pin');
  const pinFor = view.pinned ? t('menu_unpinFor', name) : t('menu_pinFor', name);
  const menu = h('div', { className: 'otp-menu', role: 'group', 'aria-label': t('menu_actionsFor', name) });
  const button = (
    text: string,
    ariaLabel: string,
    onclick: () => void,
    props: Record<string, unknown> = {},
  ) =>
    // The name starts with the visible text, then says which account (WCAG 2.5.3, label in name).
    h('button', { type: 'button', className: 'small', ...props, onclick, 'aria-label': ariaLabel }, text);
  menu.append(
    button(t('menu_edit'), t('menu_editFor', name), () => showIn(menu, editForm(view, host, close))),
    button(t('menu_sites'), t('menu_sitesFor', name), () => showIn(menu, sitesForm(view, host, close))),
    button(pin, pinFor, () => void setPinned(view, !view.pinned, host)),
    button(t('menu_moveUp'), t('menu_moveUpFor', name), () => void move(view, all, index, -1, host), {
      disabled: !canMove(-1),
    }),
    button(t('menu_moveDown'), t('menu_moveDownFor', name), () => void move(view, all, index, 1, host), {
      disabled: !canMove(1),
    }),
    button(
      t('common_delete'),
      t('menu_deleteFor', name),
      () => showIn(menu, deleteConfirmation(view, host, close)),
      {
        className: 'small danger',
      },
    ),
  );
  return menu;
}

function showIn(menu: HTMLElement, part: MenuPart): void {
  menu.replaceChildren(part.element);
  part.focus.focus();
}

async function move(
  view: OtpAccountView,
  all: readonly OtpAccountView[],
  index: number,
  delta: -1 | 1,
  host: RowMenuHost,
): Promise<void> {
  const ids = all.map((a) => a.id);
  const j = index + delta;
  if (all[j]?.pinned !== view.pinned) return;
  [ids[index], ids[j]] = [ids[j]!, ids[index]!];
  const result = await send('otp/reorder', { ids });
  if (!result.ok) return host.status(result.error, 'error');
  host.status(t(delta < 0 ? 'menu_movedUp' : 'menu_movedDown', label(view)), 'ok');
  // Keep the keyboard where it was: the same button of the same account.
  await host.reload(`li[data-id="${view.id}"] .otp-more-button`);
}

async function setPinned(view: OtpAccountView, pinned: boolean, host: RowMenuHost): Promise<void> {
  const result = await send('otp/pin', { id: view.id, pinned });
  if (!result.ok) return host.status(result.error, 'error');
  host.status(pinned ? t('menu_pinned', label(view)) : t('menu_unpinned', label(view)), 'ok');
  await host.reload(`li[data-id="${view.id}"] .otp-more-button`);
}

function editForm(view: OtpAccountView, host: RowMenuHost, close: () => void): MenuPart {
  const issuer = h('input', { type: 'text', id: `edit-issuer-${view.id}`, value: view.issuer });
  const account = h('input', { type: 'text', id: `edit-account-${view.id}`, value: view.accountName });
  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    const result = await send('otp/update', {
      id: view.id,
      issuer: issuer.value,
      accountName: account.value,
    });
    if (!result.ok) return host.status(result.error, 'error');
    host.status(t('common_saved'), 'ok');
    await host.reload(`li[data-id="${view.id}"] .otp-code`);
  };
  const element = h(
    'form',
    { className: 'otp-edit', 'aria-label': t('menu_editFor', label(view)), onsubmit: save },
    h('label', { for: issuer.id }, t('menu_issuer')),
    issuer,
    h('label', { for: account.id }, t('manual_account')),
    account,
    h(
      'div',
      { className: 'actions' },
      h('button', { type: 'button', onclick: close }, t('common_cancel')),
      h('button', { type: 'submit', className: 'primary' }, t('common_save')),
    ),
  );
  return { element, focus: issuer };
}

function deleteConfirmation(view: OtpAccountView, host: RowMenuHost, close: () => void): MenuPart {
  const name = label(view);
  const yes = h(
    'button',
    {
      type: 'button',
      className: 'danger',
      onclick: async () => {
        const result = await send('otp/delete', { id: view.id });
        if (!result.ok) return host.status(result.error, 'error');
        host.status(t('menu_deleted', name), 'ok');
        await host.reload('#otp-search');
      },
    },
    t('common_delete'),
  );
  const element = h(
    'div',
    { className: 'confirm', role: 'alertdialog', 'aria-label': t('menu_deleteQuestion', name) },
    h('p', {}, t('menu_deleteConfirm', name)),
    h('button', { type: 'button', onclick: close }, t('common_cancel')),
    yes,
  );
  return { element, focus: yes };
}
