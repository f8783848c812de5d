/**
 * One account's row: a grip to drag it by, the site's icon, name, code (click to copy), next code and
 * countdown (TOTP/Steam) or counter (HOTP), and Fill / Next code / ⋯. The text nodes that change each
 * second are kept on the Row.
 */

import { t } from '../../src/i18n/messages.ts';
import type { OtpAccountView } from '../../src/messages/views.ts';
import type { OtpAccount } from '../../src/totp/types.ts';
import { h } from '../dom.ts';
import { label } from '../format.ts';
import { siteIcon } from '../site-icon.ts';
import { accountOf } from './account-secrets.ts';

export interface Row {
  view: OtpAccountView;
  account: OtpAccount;
  li: HTMLLIElement;
  code: Text;
  next: Text | null;
  secs: Text | null;
  ring: HTMLElement | null;
  /** The time step the shown codes belong to (TOTP/Steam). */
  step: number;
  shownSecs: number;
  current: string;
  nextCode: string;
  /** Lower-cased issuer + account, for search. */
  haystack: string;
}

/** What the row's buttons do; the list decides. */
export interface RowActions {
  copy(row: Row): void;
  fill(row: Row, button: HTMLButtonElement): void;
  nextHotp(row: Row, button: HTMLButtonElement): void;
  /** The ⋯ menu's content; `close` closes it. */
  menu(view: OtpAccountView, close: () => void): HTMLElement;
}

/** What search looks in: issuer and account name, lower-cased. */
export function haystackOf(view: OtpAccountView): string {
  return `${view.issuer}\n${view.accountName}`.toLocaleLowerCase();
}

export function buildRow(view: OtpAccountView, forSite: boolean, actions: RowActions): Row {
  const nameId = `otp-${view.id}-name`;
  const hotp = view.kind === 'hotp';
  const li = h('li', { className: 'otp', 'aria-labelledby': nameId });
  li.dataset.id = view.id;
  const row: Row = {
    view,
    account: accountOf(view),
    li,
    code: document.createTextNode(''),
    next: hotp ? null : document.createTextNode(''),
    secs: hotp ? null : document.createTextNode(''),
    ring: hotp ? null : h('span', { className: 'otp-ring', 'aria-hidden': 'true' }),
    step: -1,
    shownSecs: -1,
    current: '',
    nextCode: '',
    haystack: haystackOf(view),
  };
  li.append(rowHead(view, nameId, forSite), rowBody(row, actions), rowButtons(row, actions));
  return row;
}

/**
 * The page whose icon the row shows: the site the account is bound to, else the one its issuer names
 * ("example.com" as it is; a one-word issuer such as "GitHub" as github.com). Only a guess for an
 * icon, read from the browser's own cache: it shows only if the user has visited that site.
 */
export function iconPage(view: Pick<OtpAccountView, 'sites' | 'issuer'>): string | null {
  const issuer = view.issuer.trim().toLowerCase();
  const host =
    view.sites[0] ??
    (/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(issuer)
      ? issuer
      : /^[a-z0-9][a-z0-9-]*$/.test(issuer)
        ? `${issuer}.com`
        : undefined);
  return host ? `https://${host}/` : null;
}

/** Dragged with the mouse; the keyboard moves accounts with the menu's Move up/down. One clone per row. */
let gripTemplate: HTMLElement | undefined;
function grip(): Node {
  gripTemplate ??= h('span', {
    className: 'otp-drag',
    draggable: true,
    title: t('codes_drag'),
    'aria-hidden': 'true',
  });
  return gripTemplate.cloneNode();
}

function rowHead(view: OtpAccountView, nameId: string, forSite: boolean): HTMLElement {
  const both = view.issuer && view.accountName;
  return h(
    'div',
    { className: 'otp-head' },
    grip(),
    siteIcon(iconPage(view), view.issuer || view.accountName),
    h(
      'span',
      { id: nameId, className: 'otp-name' },
      h('strong', { className: 'otp-issuer' }, view.issuer || view.accountName || t('codes_unnamed')),
      both ? ' ' : '',
      both ? h('span', { className: 'otp-account' }, view.accountName) : '',
    ),
    view.pinned ? h('span', { className: 'otp-pinned' }, 'pinned') : null,
    forSite ? h('span', { className: 'otp-site' }, t('codes_thisSite')) : null,
  );
}

function rowBody(row: Row, actions: RowActions): HTMLElement {
  const codeButton = h(
    'button',
    { type: 'button', className: 'otp-code', title: t('codes_copy') },
    h('span', { className: 'sr' }, `${t('codes_copyCodeSr')} `),
    h('span', { className: 'code' }, row.code),
  );
  codeButton.addEventListener('click', () => actions.copy(row));
  return h(
    'div',
    { className: 'otp-body' },
    codeButton,
    row.next
      ? h(
          'span',
          { className: 'otp-next' },
          `${t('codes_nextSr')} `,
          h('span', { className: 'next-code' }, row.next),
        )
      : null,
    row.secs
      ? h(
          'span',
          { className: 'otp-timer', title: t('codes_secondsLeft') },
          row.ring,
          h('span', { className: 'secs' }, row.secs),
          h('span', { className: 'sr' }, ` ${t('codes_secondsLeftSr')}`),
        )
      : h('span', { className: 'otp-counter' }, t('codes_counter', row.view.counter)),
  );
}

function rowButtons(row: Row, actions: RowActions): HTMLElement {
  const name = label(row.view);
  const fill = h(
    'button',
    { type: 'button', className: 'small otp-fill', 'aria-label': t('codes_fillFor', name) },
    t('codes_fill'),
  );
  fill.addEventListener('click', () => actions.fill(row, fill));
  const buttons = h('div', { className: 'otp-actions' }, fill);
  if (row.view.kind === 'hotp') {
    const nextButton = h(
      'button',
      { type: 'button', className: 'small otp-next-button', 'aria-label': t('codes_nextFor', name) },
      t('codes_nextCode'),
    );
    nextButton.addEventListener('click', () => actions.nextHotp(row, nextButton));
    buttons.append(nextButton);
  }
  buttons.append(moreButton(row, name, actions));
  return buttons;
}

/** ⋯ opens the row's menu below it, and closes it again. */
function moreButton(row: Row, name: string, actions: RowActions): HTMLButtonElement {
  const more = h(
    'button',
    {
      type: 'button',
      className: 'small otp-more-button',
      'aria-label': t('codes_moreFor', name),
      'aria-expanded': 'false',
    },
    '⋯',
  );
  more.addEventListener('click', () => {
    const open = more.getAttribute('aria-expanded') !== 'true';
    more.setAttribute('aria-expanded', String(open));
    row.li.querySelector('.otp-menu')?.remove();
    if (open) row.li.append(actions.menu(row.view, () => more.click()));
  });
  return more;
}
