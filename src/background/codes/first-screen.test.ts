/**
 * `otp/list` with `first`: the popup's first screen, cut from the list in the order the popup shows
 * it (the tab site's accounts, then pinned ones, then the rest), with the count of them all; the
 * popup asks for the whole list once that screen is drawn.
 */
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { fake, freshProfile, startWorker } from '../../../test/fakes/worker.ts';
import { send } from '../../messages/client.ts';

vi.setConfig({ testTimeout: 30_000 });

const SECRETS: Record<string, string> = {
  alice: 'JBSWY3DPEHPK3PXP',
  bob: 'GEZDGNBVGY3TQOJQ',
  carol: 'MFRGGZDFMZTWQ2LK',
};

const account = (issuer: string, accountName: string) =>
  ({
    kind: 'totp',
    issuer,
    accountName,
    secret: SECRETS[accountName]!,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    extra: {},
  }) as const;

let ids: Record<'github' | 'bob' | 'carol', string>;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
  freshProfile(fake);
  await startWorker();
  // Scanned from a GitHub tab: bound to github.com. The others match nothing there; carol is pinned.
  await send('otp/add', { accounts: [account('Example', 'bob')], onDuplicate: 'ask' });
  await send('otp/add', { accounts: [account('GitHub', 'alice')], onDuplicate: 'ask', site: 'github.com' });
  await send('otp/add', { accounts: [account('Third', 'carol')], onDuplicate: 'ask' });
  const all = await send('otp/list', {});
  if (!all.ok) throw new Error('the vault should be open');
  const idOf = (name: string) => all.accounts.find((a) => a.accountName === name)!.id;
  ids = { github: idOf('alice'), bob: idOf('bob'), carol: idOf('carol') };
  await send('otp/pin', { id: ids.carol, pinned: true });
});
afterEach(() => {
  vi.clearAllTimers();
  vi.useRealTimers();
});

const listed = async (request: { hostname?: string; first?: number }) => {
  const result = await send('otp/list', request);
  if (!result.ok) throw new Error('the vault should be open');
  return result;
};

it('the first screen on the site’s tab: its account first, then the pinned one; all three counted', async () => {
  const first = await listed({ hostname: 'gist.github.com', first: 2 });
  expect(first.accounts.map((a) => a.id)).toEqual([ids.github, ids.carol]);
  expect(first.total).toBe(3);
  expect(Object.keys(first.siteScores)).toEqual([ids.github]);
  // The same scores as the whole list's, which the popup lays the rest out by.
  expect((await listed({ hostname: 'gist.github.com' })).siteScores).toEqual(first.siteScores);
});

it('the first screen elsewhere is the user’s order: pinned first', async () => {
  const first = await listed({ hostname: 'news.ycombinator.com', first: 2 });
  expect(first.accounts.map((a) => a.id)).toEqual([ids.carol, ids.bob]);
  expect(first.siteScores).toEqual({});
});

it('without `first`, every account in stored order; a `first` past the end is all of them', async () => {
  const all = await listed({});
  expect(all.accounts.map((a) => a.id)).toEqual([ids.bob, ids.github, ids.carol]);
  expect(all.total).toBe(3);
  expect((await listed({ first: 50 })).accounts).toHaveLength(3);
});
