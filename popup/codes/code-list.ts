/**
 * The account list with live codes. Built once per load; each second only text nodes and one CSS
 * variable per row change, and a code is computed only when its time step changes (the previous "next"
 * code becomes the current one, so a step costs one HMAC per account). Secrets are decoded once per
 * account and kept across reloads: the core caches the imported HMAC key per Uint8Array object.
 */

import { send } from '../../src/messages/client.ts';
import { accountFromWire, type OtpAccountView } from '../../src/messages/otp-protocol.ts';
import { accountCode, accountCodePair } from '../../src/totp/account-code.ts';
import type { OtpAccount } from '../../src/totp/types.ts';
import { h } from '../dom.ts';
import { copyCode } from './clipboard.ts';
import { errorText, groupCode, label } from './format.ts';
import { rowMenu } from './row-menu.ts';

export interface ListHost {
  status(text: string, kind?: 'ok' | 'error'): void;
  /** Reloads the list; `focus` is a selector to focus afterwards. */
  reload(focus?: string): Promise<void>;
  tabId?: number;
}

interface Row {
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

/** What search looks in: issuer and account name, lower-cased. */
function haystackOf(view: OtpAccountView): string {
  return `${view.issuer}\n${view.accountName}`.toLocaleLowerCase();
}

const FIRST_BATCH = 40;
/** Rows that fit in the popup without scrolling. */
const FIRST_SCREEN = 8;
const LATER_BATCH = 150;

/** Decoded secrets by account id and base32 text, reused across reloads (see the module comment). */
const secrets = new Map<string, { base32: string; bytes: Uint8Array }>();

function accountOf(view: OtpAccountView): OtpAccount {
  const cached = secrets.get(view.id);
  if (cached && cached.base32 === view.secret) return { ...accountFromWire(view), secret: cached.bytes };
  const account = accountFromWire(view);
  secrets.set(view.id, { base32: view.secret, bytes: account.secret });
  return account;
}

export class CodeList {
  readonly element: HTMLUListElement;
  private readonly rows: Row[] = [];
  /** Rows on (or near) the screen: only these compute codes and tick, so 1,000 accounts cost ~10 rows. */
  private readonly visible = new Set<Row>();
  private readonly byLi = new WeakMap<Element, Row>();
  private observer: IntersectionObserver | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly views: OtpAccountView[],
    private readonly offsetMs: number,
    /** Site match per account id, from the worker (0 or absent: not this site). */
    siteScores: Readonly<Record<string, number>>,
    private readonly host: ListHost,
  ) {
    this.element = h('ul', { id: 'otp-list', className: 'otp-list', 'aria-label': 'Accounts' });
    // Accounts for the site in the current tab come first; the rest keep the user's order.
    const scored = views.map((view, i) => ({
      view,
      i,
      score: siteScores[view.id] ?? 0,
    }));
    scored.sort((a, b) => b.score - a.score || a.i - b.i);
    // The first screenful is built now; the rest follows in small batches, so the popup shows codes
    // at once even with 1,000 accounts.
    this.pending = scored.map(({ view, score }) => ({ view, forSite: score > 0 }));
    this.buildBatch(FIRST_BATCH);
  }

  private pending: { view: OtpAccountView; forSite: boolean }[] = [];
  private query = '';

  private buildBatch(size: number): void {
    const fragment = document.createDocumentFragment();
    for (const { view, forSite } of this.pending.splice(0, size)) {
      const row = this.buildRow(view, forSite);
      this.rows.push(row);
      this.byLi.set(row.li, row);
      row.li.hidden = !this.matches(row);
      this.observer?.observe(row.li);
      fragment.append(row.li);
    }
    this.element.append(fragment);
    if (this.pending.length > 0) setTimeout(() => this.buildBatch(LATER_BATCH), 0);
    else this.onComplete?.();
  }

  /** Called once every row exists (the search counts are final then). */
  onComplete: (() => void) | undefined;

  private matches(row: Row): boolean {
    return this.query === '' || row.haystack.includes(this.query);
  }

  private observe(): void {
    this.observer = new IntersectionObserver(
      (entries) => {
        const now = this.now();
        for (const entry of entries) {
          const row = this.byLi.get(entry.target);
          if (!row) continue;
          if (entry.isIntersecting) {
            this.visible.add(row);
            this.update(row, now);
          } else {
            this.visible.delete(row);
          }
        }
      },
      { rootMargin: '300px 0px' },
    );
    for (const row of this.rows) this.observer.observe(row.li);
  }

  get size(): number {
    return this.rows.length;
  }

  /** Starts the clock: codes for the rows on screen now, then every second on the second. */
  start(): void {
    if (typeof IntersectionObserver === 'undefined') {
      for (const row of this.rows) this.visible.add(row);
    } else {
      // The first rows are on screen in any popup: compute them now, not after the first layout.
      for (const row of this.rows.slice(0, FIRST_SCREEN)) this.visible.add(row);
      this.observe();
    }
    this.tick();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.observer?.disconnect();
    this.pending = [];
  }

  /** Shows only accounts whose issuer or name contains `query`; returns how many are shown. */
  filter(query: string): number {
    this.query = query.trim().toLocaleLowerCase();
    let shown = 0;
    for (const row of this.rows) {
      const match = this.matches(row);
      row.li.hidden = !match;
      if (match) shown++;
    }
    // Rows not built yet count by their data.
    for (const { view } of this.pending) {
      if (this.query === '' || haystackOf(view).includes(this.query)) shown++;
    }
    return shown;
  }

  private now(): number {
    return Date.now() + this.offsetMs;
  }

  private tick(): void {
    // The popup was closed or the tab switched: stop quietly.
    if (!this.element.isConnected && this.timer !== undefined) return;
    const now = this.now();
    for (const row of this.visible) this.update(row, now);
    this.timer = setTimeout(() => this.tick(), 1000 - (this.now() % 1000) + 5);
  }

  /** Countdown text and, when the time step changed, the codes of one row. */
  private update(row: Row, now: number): void {
    if (row.view.kind === 'hotp') {
      if (row.current === '') void this.showHotp(row);
      return;
    }
    const periodMs = row.view.period * 1000;
    const remaining = periodMs - (now % periodMs);
    const secs = Math.ceil(remaining / 1000);
    if (secs !== row.shownSecs && row.secs && row.ring) {
      row.shownSecs = secs;
      row.secs.data = String(secs);
      row.ring.style.setProperty('--left', (remaining / periodMs).toFixed(3));
      row.ring.classList.toggle('ending', secs <= 5);
    }
    const step = Math.floor(now / periodMs);
    if (step !== row.step) void this.refresh(row, step, now);
  }

  private async refresh(row: Row, step: number, now: number): Promise<void> {
    const previous = row.step;
    row.step = step;
    try {
      if (step === previous + 1 && row.nextCode !== '') {
        row.current = row.nextCode;
        const later = await accountCode(row.account, now + row.view.period * 1000);
        row.nextCode = later.code;
      } else {
        const pair = await accountCodePair(row.account, now);
        row.current = pair.current.code;
        row.nextCode = pair.next.code;
      }
      row.code.data = groupCode(row.current);
      if (row.next) row.next.data = groupCode(row.nextCode);
    } catch (error) {
      row.code.data = '— error —';
      row.li.title = errorText(error);
    }
  }

  private async showHotp(row: Row): Promise<void> {
    const { code } = await accountCode(row.account, 0);
    row.current = code;
    row.code.data = groupCode(code);
  }

  private buildRow(view: OtpAccountView, forSite: boolean): Row {
    const account = accountOf(view);
    const nameId = `otp-${view.id}-name`;
    const code = document.createTextNode('');
    const hotp = view.kind === 'hotp';
    const next = hotp ? null : document.createTextNode('');
    const secs = hotp ? null : document.createTextNode('');
    const ring = hotp ? null : h('span', { className: 'otp-ring', 'aria-hidden': 'true' });
    const li = h('li', { className: 'otp', 'aria-labelledby': nameId });
    li.dataset.id = view.id;
    const row: Row = {
      view,
      account,
      li,
      code,
      next,
      secs,
      ring,
      step: -1,
      shownSecs: -1,
      current: '',
      nextCode: '',
      haystack: haystackOf(view),
    };
    const name = label(view);
    const codeButton = h(
      'button',
      { type: 'button', className: 'otp-code', title: 'Copy' },
      h('span', { className: 'sr' }, 'Copy code '),
      h('span', { className: 'code' }, code),
    );
    codeButton.addEventListener('click', () => void this.copy(row));
    const fill = h(
      'button',
      { type: 'button', className: 'small otp-fill', 'aria-label': `Fill code for ${name}` },
      'Fill',
    );
    fill.addEventListener('click', () => void this.fill(row, fill));
    const more = h(
      'button',
      {
        type: 'button',
        className: 'small otp-more-button',
        'aria-label': `More actions for ${name}`,
        'aria-expanded': 'false',
      },
      '⋯',
    );
    more.addEventListener('click', () => {
      const open = more.getAttribute('aria-expanded') !== 'true';
      more.setAttribute('aria-expanded', String(open));
      const existing = li.querySelector('.otp-menu');
      if (existing) existing.remove();
      if (open) li.append(rowMenu(view, this.views, this.host, () => more.click()));
    });
    const actions = h('div', { className: 'otp-actions' }, fill);
    if (hotp) {
      const nextButton = h(
        'button',
        { type: 'button', className: 'small otp-next-button', 'aria-label': `Next code for ${name}` },
        'Next code',
      );
      nextButton.addEventListener('click', () => void this.nextHotp(row, nextButton));
      actions.append(nextButton);
    }
    actions.append(more);
    li.append(
      h(
        'div',
        { className: 'otp-head' },
        h(
          'span',
          { id: nameId, className: 'otp-name' },
          h('strong', { className: 'otp-issuer' }, view.issuer || view.accountName || 'Unnamed'),
          view.issuer && view.accountName ? ' ' : '',
          view.issuer && view.accountName ? h('span', { className: 'otp-account' }, view.accountName) : '',
        ),
        forSite ? h('span', { className: 'otp-site' }, 'this site') : null,
      ),
      h(
        'div',
        { className: 'otp-body' },
        codeButton,
        next
          ? h('span', { className: 'otp-next' }, 'Next ', h('span', { className: 'next-code' }, next))
          : null,
        hotp
          ? h('span', { className: 'otp-counter' }, `Counter ${view.counter}`)
          : h(
              'span',
              { className: 'otp-timer', title: 'Seconds left' },
              ring,
              h('span', { className: 'secs' }, secs!),
              h('span', { className: 'sr' }, ' seconds left'),
            ),
      ),
      actions,
    );
    return row;
  }

  private async copy(row: Row): Promise<void> {
    if (row.current === '') return;
    try {
      await copyCode(row.current);
      this.host.status(`Copied — clears in 30 s`, 'ok');
    } catch (error) {
      this.host.status(`Could not copy: ${errorText(error)}`, 'error');
    }
  }

  private async fill(row: Row, button: HTMLButtonElement): Promise<void> {
    button.disabled = true;
    try {
      const payload: { id: string; tabId?: number } = { id: row.view.id };
      if (this.host.tabId !== undefined) payload.tabId = this.host.tabId;
      const result = await send('otp/fill', payload);
      if (result.ok) {
        this.host.status(
          result.filled === 2 ? 'Filled this code and the next one.' : 'Filled the code.',
          'ok',
        );
      } else {
        this.host.status(result.error, 'error');
      }
    } finally {
      button.disabled = false;
    }
  }

  /** HOTP: the worker stores the moved counter first; only then is the new code shown. */
  private async nextHotp(row: Row, button: HTMLButtonElement): Promise<void> {
    button.disabled = true;
    try {
      const result = await send('otp/next-hotp', { id: row.view.id });
      if (!result.ok) {
        this.host.status(result.error, 'error');
        return;
      }
      row.account = { ...row.account, counter: result.counter };
      row.view.counter = result.counter;
      await this.showHotp(row);
      const counter = row.li.querySelector('.otp-counter');
      if (counter) counter.textContent = `Counter ${result.counter}`;
    } finally {
      button.disabled = false;
    }
  }
}
