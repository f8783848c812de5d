// @vitest-environment happy-dom
/**
 * The code list with 1,000 accounts: the first screenful is built at once, the rest only when the
 * renderer is idle. Built in the tasks right after the first batch, the other rows held back the
 * frames that show the first codes (the toolbar popup's first render missed its 200 ms target).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { randomAccounts } from '../../scripts/bench/codes.ts';
import { t } from '../../src/i18n/messages.ts';
import { accountToWire } from '../../src/messages/otp-account-wire.ts';
import type { OtpAccountView } from '../../src/messages/views.ts';
import { displayOrder } from '../../src/totp/display-order.ts';
import { fake } from '../../test/fakes/browser-global.ts';
import { CodeList } from './code-list.ts';
import { FIRST_SCREEN_ACCOUNTS } from './codes-data.ts';

const views = (n: number): OtpAccountView[] =>
  randomAccounts(n).map((a, i) => ({
    ...accountToWire(a),
    id: `account-${i}`,
    order: i,
    createdAt: i,
    sites: [],
    pinned: false,
  }));

const host = { status: () => undefined, reload: async () => undefined };
let idle: (() => void)[];

beforeEach(() => {
  fake.reset();
  idle = [];
  vi.stubGlobal('requestIdleCallback', (run: () => void) => idle.push(run));
});
afterEach(() => vi.unstubAllGlobals());

describe('the code list', () => {
  it('builds the first screenful at once and the rest only when the renderer is idle', () => {
    const list = new CodeList(views(1000), 0, {}, host);
    expect(list.element.children).toHaveLength(FIRST_SCREEN_ACCOUNTS);
    expect(idle).toHaveLength(1);
    while (idle.length > 0) idle.shift()!();
    expect(list.element.children).toHaveLength(1000);
    list.stop();
  });

  const shownIds = (list: CodeList) => [...list.element.children].map((li) => (li as HTMLElement).dataset.id);
  /** The row's Move up / Move down buttons, its menu opened. */
  const moveButtons = (list: CodeList, index: number) => {
    const li = list.element.children[index] as HTMLElement;
    li.querySelector<HTMLButtonElement>('.otp-more-button')!.click();
    const buttons = [...li.querySelectorAll<HTMLButtonElement>('.otp-menu button')];
    const moves = buttons.filter((b) => [t('menu_moveUp'), t('menu_moveDown')].includes(b.textContent ?? ''));
    li.querySelector<HTMLButtonElement>('.otp-more-button')!.click();
    return moves;
  };

  it('from the first screen alone: its rows, no moves; then every account, in the list’s order', () => {
    const all = views(30);
    const scores = { 'account-20': 2, 'account-25': 1 };
    const first = displayOrder(all, scores).slice(0, FIRST_SCREEN_ACCOUNTS);
    const list = new CodeList(first, 0, scores, host, all.length);
    expect(list.partial).toBe(true);
    expect(shownIds(list)).toEqual(first.map((v) => v.id));
    expect(idle).toHaveLength(0);
    // A move now would reorder these few as if they were all.
    expect(moveButtons(list, 3).map((b) => b.disabled)).toEqual([true, true]);

    list.complete(all, scores);
    expect(list.partial).toBe(false);
    while (idle.length > 0) idle.shift()!();
    expect(shownIds(list)).toEqual(displayOrder(all, scores).map((v) => v.id));
    expect(moveButtons(list, 3).map((b) => b.disabled)).toEqual([false, false]);
    list.stop();
  });

  it('a whole list shown site-first still moves in the user’s stored order', () => {
    // Four accounts, the last stored one of the tab's site: shown first, yet last in the user's order.
    const all = views(4);
    const scores = { 'account-3': 1 };
    const list = new CodeList(displayOrder(all, scores), 0, scores, host, all.length);
    expect(shownIds(list)).toEqual(['account-3', 'account-0', 'account-1', 'account-2']);
    // Move up (past account-2) yes, Move down (it is last) no: not "first of the list".
    expect(moveButtons(list, 0).map((b) => b.disabled)).toEqual([false, true]);
    list.stop();
  });

  it('builds, when asked, the rows up to one past the first batch (a row to focus after a reload)', () => {
    const list = new CodeList(views(400), 0, {}, host);
    const row = () => list.element.querySelector('li[data-id="account-200"]');
    expect(row()).toBeNull();
    list.buildUntil(() => row() !== null);
    expect(row()).not.toBeNull();
    // Batch by batch: not every row at once.
    expect(list.element.children.length).toBeLessThan(400);
    list.stop();
  });

  it('a list given everything at once needs no rest; one stopped takes none', () => {
    const whole = new CodeList(views(5), 0, {}, host);
    expect(whole.partial).toBe(false);
    whole.stop();
    const first = new CodeList(views(30).slice(0, FIRST_SCREEN_ACCOUNTS), 0, {}, host, 30);
    first.stop();
    first.complete(views(30), {});
    expect(first.partial).toBe(true);
    expect(idle).toHaveLength(0);
    expect(first.element.children).toHaveLength(FIRST_SCREEN_ACCOUNTS);
  });
});
