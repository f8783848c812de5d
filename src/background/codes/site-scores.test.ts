/**
 * `otp/site-scores` gives the popup, once it knows its tab's site, the same scores `otp/list` gives
 * with that site, so the popup can ask for the list while it looks its tab up.
 */
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { fake, freshProfile, startWorker } from '../../../test/fakes/worker.ts';
import { send } from '../../messages/client.ts';

vi.setConfig({ testTimeout: 30_000 });

const account = (issuer: string, accountName: string) =>
  ({
    kind: 'totp',
    issuer,
    accountName,
    secret: 'JBSWY3DPEHPK3PXP',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    extra: {},
  }) as const;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
  freshProfile(fake);
  await startWorker();
  // Scanned from a GitHub tab: bound to github.com. The other matches nothing there.
  await send('otp/add', { accounts: [account('GitHub', 'alice')], onDuplicate: 'ask', site: 'github.com' });
  await send('otp/add', { accounts: [account('Example', 'bob')], onDuplicate: 'ask' });
});
afterEach(() => {
  vi.clearAllTimers();
  vi.useRealTimers();
});

it('scores the accounts of the tab’s site as otp/list does for that site, and no other', async () => {
  const listed = await send('otp/list', { hostname: 'gist.github.com' });
  const scores = await send('otp/site-scores', { hostname: 'gist.github.com' });
  if (!listed.ok || !scores.ok) throw new Error('the vault should be open');
  const github = listed.accounts.find((a) => a.issuer === 'GitHub')!;
  expect(Object.keys(scores.siteScores)).toEqual([github.id]);
  expect(scores.siteScores).toEqual(listed.siteScores);
  expect(await send('otp/site-scores', { hostname: 'example.org' })).toEqual({ ok: true, siteScores: {} });
});
