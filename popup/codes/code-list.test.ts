// @vitest-environment happy-dom
/**
 * The code list with 1,000 accounts: the first screenful is built at once, the rest only when the
 * renderer is idle. Built in the tasks right after the first batch, the other rows held back the
 * frames that show the first codes (the toolbar popup's first render missed its 200 ms target).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { randomAccounts } from '../../scripts/bench/codes.ts';
import { accountToWire } from '../../src/messages/otp-account-wire.ts';
import type { OtpAccountView } from '../../src/messages/views.ts';
import { fake } from '../../test/fakes/browser-global.ts';
import { CodeList, FIRST_BATCH } from './code-list.ts';

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
    expect(list.element.children).toHaveLength(FIRST_BATCH);
    expect(idle).toHaveLength(1);
    while (idle.length > 0) idle.shift()!();
    expect(list.element.children).toHaveLength(1000);
    list.stop();
  });
});
