/** The Codes list's order, shared by the worker's first screen and the popup's list. */
import { describe, expect, it } from 'vitest';
import { displayOrder, userOrder } from './display-order.ts';

/** Stored in the order made: `a('1')` before `a('2')`. */
const a = (id: string, pinned = false) => ({ id, pinned, order: Number(id), createdAt: 0 });
const ids = (list: readonly { id: string }[]) => list.map((x) => x.id);

describe('the Codes list order', () => {
  it('puts pinned accounts first, each group in stored order', () => {
    expect(ids(userOrder([a('1'), a('2', true), a('3'), a('4', true)]))).toEqual(['2', '4', '1', '3']);
  });

  it('shows the tab site’s accounts first, best match first, the rest in the user’s order', () => {
    const accounts = [a('1'), a('2', true), a('3'), a('4'), a('5', true)];
    expect(ids(displayOrder(accounts, { '3': 1, '4': 2, '5': 1 }))).toEqual(['4', '5', '3', '2', '1']);
  });

  it('takes the user’s order from the stored positions, not from the order given', () => {
    const shuffled = [a('3'), a('1'), a('4', true), a('2')];
    expect(ids(userOrder(shuffled))).toEqual(['4', '1', '2', '3']);
    // Equal positions (an import's): the older account first, as the store lists them.
    const tied = [
      { id: 'new', pinned: false, order: 0, createdAt: 2 },
      { id: 'old', pinned: false, order: 0, createdAt: 1 },
    ];
    expect(ids(userOrder(tied))).toEqual(['old', 'new']);
  });

  it('is the user’s order when no account belongs to the site', () => {
    const accounts = [a('1'), a('2', true), a('3')];
    expect(ids(displayOrder(accounts, {}))).toEqual(ids(userOrder(accounts)));
  });

  it('keeps a head it made as it is (the popup orders the worker’s first screen again)', () => {
    const accounts = Array.from({ length: 30 }, (_, i) => a(String(i), i % 7 === 0));
    const scores = { '5': 2, '9': 1, '14': 2 };
    const head = displayOrder(accounts, scores).slice(0, 12);
    expect(ids(displayOrder(head, scores))).toEqual(ids(head));
  });
});
