/**
 * Passkeys grouped by site (with its icon), with user, dates and counter; rename; delete asks first.
 * The worker sends them a page at a time in site order: the first page is drawn at once, the rest as
 * it arrives, so ten thousand passkeys open as fast as ten. Groups off screen skip layout and paint
 * (`content-visibility` in popup.css).
 */

import { t } from '../../src/i18n/messages.ts';
import { send } from '../../src/messages/client.ts';
import type { CredentialSummaryView } from '../../src/messages/views.ts';
import { h, hint } from '../dom.ts';
import { siteIcon } from '../site-icon.ts';
import { type PasskeysChanged, passkeyItem } from './passkey-item.ts';
import { protectionNotice } from './protection-notice.ts';

/** The first page: more than the popup shows without scrolling. */
const FIRST_PAGE = 20;
/** Later pages: a few milliseconds of work each, so scrolling and typing stay smooth meanwhile. */
const PAGE = 400;

/** The render filling each root: a new one (after a rename or delete) stops the one before. */
const rendering = new WeakMap<HTMLElement, AbortController>();

export async function renderPasskeys(
  root: HTMLElement,
  openSettings: () => void,
  view?: AbortSignal,
  focus?: string,
): Promise<void> {
  rendering.get(root)?.abort();
  const controller = new AbortController();
  rendering.set(root, controller);
  const signal = view ? AbortSignal.any([view, controller.signal]) : controller.signal;
  const [first, settings] = await Promise.all([
    send('credentials/list', { limit: FIRST_PAGE }),
    send('settings/get', {}),
  ]);
  if (signal.aborted) return;
  const notice = protectionNotice(settings, openSettings) ?? '';
  if (first.passkeys.length === 0) {
    root.replaceChildren(notice, h('p', { className: 'empty' }, t('passkeys_empty')));
    return;
  }
  const changed: PasskeysChanged = (next) => renderPasskeys(root, openSettings, view, next);
  const groups = h('div', { className: 'site-groups' });
  const hidden = hiddenGroup();
  const list = new GroupedList(groups, hidden, changed);
  list.add(first.passkeys);
  root.replaceChildren(notice, groups, hidden.section);
  let next = first.next;
  while (next && !signal.aborted) {
    // Past the first paint before each page: the popup answers the user between pages.
    await new Promise((r) => setTimeout(r, 0));
    const page = await send('credentials/list', { after: next, limit: PAGE });
    if (signal.aborted) return;
    list.add(page.passkeys);
    next = page.next;
  }
  if (focus && !signal.aborted) root.querySelector<HTMLElement>(focus)?.focus();
}

/** Site groups in site order, filled as pages arrive (a site may span two pages). */
class GroupedList {
  private lastSite: string | undefined;
  private lastList: HTMLUListElement | undefined;
  private readonly hiddenRows: HTMLLIElement[] = [];

  constructor(
    private readonly groups: HTMLElement,
    private readonly hidden: { section: HTMLElement; list: HTMLUListElement },
    private readonly changed: PasskeysChanged,
  ) {}

  add(passkeys: readonly CredentialSummaryView[]): void {
    const newGroups: HTMLElement[] = [];
    let rows: HTMLLIElement[] = [];
    const flush = () => {
      if (rows.length > 0) this.lastList?.append(...rows);
      rows = [];
    };
    for (const c of passkeys) {
      const item = passkeyItem(c, this.changed);
      if (c.hidden) {
        this.hiddenRows.push(item);
        continue;
      }
      if (c.rpId !== this.lastSite) {
        flush();
        const ul = h('ul', { className: 'passkeys' });
        newGroups.push(
          h(
            'section',
            { className: 'site-group', 'aria-label': c.rpId },
            h('h2', {}, siteIcon(`https://${c.rpId}/`, c.rpId), c.rpId),
            ul,
          ),
        );
        this.lastSite = c.rpId;
        this.lastList = ul;
      }
      rows.push(item);
    }
    flush();
    this.groups.append(...newGroups);
    if (this.hiddenRows.length > 0) {
      // Hidden passkeys come in site order too, a page at a time: the group keeps them sorted.
      this.hidden.list.replaceChildren(...this.hiddenRows);
      this.hidden.section.hidden = false;
    }
  }
}

/**
 * Passkeys a site said it no longer knows (WebAuthn L3 §5.1.10 signals): kept, not offered for
 * sign-in, and one Restore away from coming back.
 */
function hiddenGroup(): { section: HTMLElement; list: HTMLUListElement } {
  const list = h('ul', { className: 'passkeys' });
  const section = h(
    'section',
    { className: 'site-group hidden-group', 'aria-labelledby': 'hidden-by-site', hidden: true },
    h('h2', { id: 'hidden-by-site' }, t('passkeys_hiddenTitle')),
    hint(t('passkeys_hiddenHelp')),
    list,
  );
  return { section, list };
}
