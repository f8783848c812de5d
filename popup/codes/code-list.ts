/**
 * The account list with live codes. Built once per load, a screenful at once and the rest in batches;
 * only rows on (or near) the screen compute codes and tick, and each second only text nodes and one
 * CSS variable per row change, so 1,000 accounts cost about as much as ten. It may start from the
 * first screen alone (the worker's first answer) and be given every account after (`complete`).
 */

import { t } from '../../src/i18n/messages.ts';
import type { OtpAccountView } from '../../src/messages/views.ts';
import { displayOrder, userOrder } from '../../src/totp/display-order.ts';
import { h } from '../dom.ts';
import { buildRow, haystackOf, type Row, type RowActions } from './code-row.ts';
import { FIRST_SCREEN_ACCOUNTS } from './codes-data.ts';
import { dragToReorder } from './drag-reorder.ts';
import { copyRowCode, fillRowCode, nextHotpCode } from './row-actions.ts';
import { updateRow } from './row-codes.ts';
import { type RowMenuHost, rowMenu } from './row-menu.ts';
import type { Say } from './status-line.ts';

export interface ListHost extends RowMenuHost {
  tabId?: number;
}

/** Rows that fit in the popup without scrolling. */
const FIRST_SCREEN = 8;
const LATER_BATCH = 150;

export class CodeList {
  readonly element: HTMLUListElement;
  private readonly rows: Row[] = [];
  /** Rows on (or near) the screen: only these compute codes and tick. */
  private readonly visible = new Set<Row>();
  private readonly byLi = new WeakMap<Element, Row>();
  private readonly actions: RowActions;
  private pending: { view: OtpAccountView; forSite: boolean }[];
  private query = '';
  private observer: IntersectionObserver | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /**
   * Every account in the user's order (pinned first), which moves rearrange; undefined while only
   * the first screen is known, when a move would reorder those few as if they were all.
   */
  private order: OtpAccountView[] | undefined;
  private buildScheduled = false;
  private wasStopped = false;

  /** `total`: how many accounts there are, when `views` is only the first screen of them. */
  constructor(
    views: OtpAccountView[],
    private readonly offsetMs: number,
    /** Site match per account id, from the worker (0 or absent: not this site). */
    siteScores: Readonly<Record<string, number>>,
    host: ListHost,
    total = views.length,
  ) {
    this.element = h('ul', { id: 'otp-list', className: 'otp-list', 'aria-label': t('codes_accounts') });
    const say: Say = (text, kind) => host.status(text, kind);
    // Moving an account (menu or drag) moves it within its group of the user's order.
    this.order = total > views.length ? undefined : userOrder(views);
    this.actions = {
      copy: (row) => void copyRowCode(row, say),
      fill: (row, button) => void fillRowCode(row, button, say, host.tabId),
      nextHotp: (row, button) => void nextHotpCode(row, button, say),
      menu: (view, close) => rowMenu(view, this.order ?? [], host, close),
    };
    dragToReorder(this.element, () => this.order ?? [], host);
    this.pending = this.toBuild(views, siteScores);
    // As many rows before the first paint as the worker's first answer holds (codes-data.ts).
    this.buildBatch(FIRST_SCREEN_ACCOUNTS);
  }

  /** Whether only the first screen's accounts are known yet. */
  get partial(): boolean {
    return this.order === undefined;
  }

  /** Whether the list was stopped: the popup closed, or a reload replaced it. */
  get stopped(): boolean {
    return this.wasStopped;
  }

  /**
   * Every account, after a first screen: the rows not built yet follow in the list's order, built
   * when the renderer is idle, and moves work from now on.
   */
  complete(all: OtpAccountView[], siteScores: Readonly<Record<string, number>>): void {
    if (this.stopped) return;
    const built = new Set(this.rows.map((row) => row.view.id));
    this.order = userOrder(all);
    this.pending = this.toBuild(
      all.filter((view) => !built.has(view.id)),
      siteScores,
    );
    this.scheduleBuild();
  }

  /** Builds the rows still to come, a batch at a time, until `found()` (a row to focus is there). */
  buildUntil(found: () => boolean): void {
    while (!found() && this.pending.length > 0) this.buildBatch(LATER_BATCH);
  }

  /** The accounts in the order the list shows them (the tab site's first), marked for the site. */
  private toBuild(views: readonly OtpAccountView[], siteScores: Readonly<Record<string, number>>) {
    return displayOrder(views, siteScores).map((view) => ({ view, forSite: (siteScores[view.id] ?? 0) > 0 }));
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
    this.wasStopped = true;
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

  /** The first batch is built at once, the rest in later tasks: codes show at once even with 1,000 accounts. */
  private buildBatch(size: number): void {
    const fragment = document.createDocumentFragment();
    for (const { view, forSite } of this.pending.splice(0, size)) {
      const row = buildRow(view, forSite, this.actions);
      this.rows.push(row);
      this.byLi.set(row.li, row);
      row.li.hidden = !this.matches(row);
      this.observer?.observe(row.li);
      fragment.append(row.li);
    }
    this.element.append(fragment);
    this.scheduleBuild();
  }

  /** The rest is built when the renderer is idle, one batch at a time. */
  private scheduleBuild(): void {
    if (this.pending.length === 0 || this.buildScheduled) return;
    this.buildScheduled = true;
    const next = () => {
      this.buildScheduled = false;
      this.buildBatch(LATER_BATCH);
    };
    // Frames first: built in the tasks right after the first batch, a thousand rows held the frames
    // with the first codes back by about 100 ms.
    if (typeof requestIdleCallback === 'function') requestIdleCallback(next, { timeout: 500 });
    else setTimeout(next, 0);
  }

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
            updateRow(row, now);
          } else {
            this.visible.delete(row);
          }
        }
      },
      { rootMargin: '300px 0px' },
    );
    for (const row of this.rows) this.observer.observe(row.li);
  }

  private now(): number {
    return Date.now() + this.offsetMs;
  }

  private tick(): void {
    // The popup was closed or the tab switched: stop quietly.
    if (!this.element.isConnected && this.timer !== undefined) return;
    const now = this.now();
    for (const row of this.visible) updateRow(row, now);
    this.timer = setTimeout(() => this.tick(), 1000 - (this.now() % 1000) + 5);
  }
}
