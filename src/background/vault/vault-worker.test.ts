/**
 * The vault as the worker keeps it across its own restarts (issue 13): the unlocked key waits in
 * storage.session (memory only), never in storage.local; "Lock now" takes it from there too; a
 * browser restart (storage.session gone) leaves the vault locked; an export asks for the PIN again;
 * a reset needs the typed word.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fake, freshProfile, startWorker } from '../../../test/fakes/worker.ts';
import { send } from '../../messages/client.ts';

vi.setConfig({ testTimeout: 30_000 });

const account = {
  kind: 'totp',
  issuer: 'Example',
  accountName: 'alice',
  secret: 'JBSWY3DPEHPK3PXP',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  extra: {},
} as const;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
  freshProfile(fake);
  await startWorker();
  expect(await send('otp/add', { accounts: [account], onDuplicate: 'ask' })).toMatchObject({ ok: true });
  expect(await send('settings/set-pin', { newPin: '1234' })).toEqual({ ok: true });
});
afterEach(() => {
  vi.clearAllTimers();
  vi.useRealTimers();
});

const locked = async () => (await send('settings/get', {})).locked;
const stored = (area: 'session' | 'local') => JSON.stringify([...fake.browser.storage[area].items]);

describe('the vault in the worker', () => {
  it('stays unlocked after the worker restarts, with the key in storage.session only', async () => {
    const key = fake.browser.storage.session.peek('unlockedVaultKey');
    expect(typeof key).toBe('string');
    expect(stored('local')).not.toContain(key as string);
    fake.stopWorker();
    await startWorker();
    expect(await locked()).toBe(false);
    expect(await send('otp/list', {})).toMatchObject({ ok: true, accounts: [{ accountName: 'alice' }] });
  });

  it('“Lock now” takes the key out of storage.session: a restarted worker is locked too', async () => {
    expect((await send('vault/lock', {})).locked).toBe(true);
    expect(fake.browser.storage.session.peek('unlockedVaultKey')).toBeUndefined();
    fake.stopWorker();
    await startWorker();
    expect(await locked()).toBe(true);
    expect(await send('otp/list', {})).toMatchObject({ ok: false, locked: true });
    expect(await send('otp/unlock', { pin: '1234' })).toMatchObject({ ok: true });
    expect(await locked()).toBe(false);
  });

  it('after a browser restart (storage.session gone) the vault is locked', async () => {
    fake.stopWorker();
    await fake.browser.storage.session.clear();
    await startWorker();
    expect(await locked()).toBe(true);
  });

  it('an export asks for the PIN again, however unlocked the vault is, and a wrong one counts', async () => {
    expect(await locked()).toBe(false);
    for (const name of ['backup/export', 'backup/export-cxf'] as const) {
      expect(await send(name, { passphrase: 'correct horse battery staple' })).toEqual({
        ok: false,
        error: 'Enter your PIN to continue.',
        needsPin: true,
      });
    }
    expect(await send('backup/export-cxf', { pin: '0000' })).toEqual({
      ok: false,
      error: 'Wrong PIN; 7 attempts left.',
      needsPin: true,
      retriesLeft: 7,
    });
    expect((await send('settings/get', {})).pinRetries).toBe(7);
    const exported = await send('backup/export-cxf', { pin: '1234' });
    expect(exported).toMatchObject({ ok: true, accounts: 1 });
  });

  it('a reset needs the word typed: anything else is not even answered, and nothing is erased', async () => {
    await expect(
      fake.browser.runtime.sendMessage({ name: 'settings/reset', payload: { confirm: 'reset' } }),
    ).rejects.toThrow(/Receiving end/);
    expect((await send('settings/get', {})).pinSet).toBe(true);
    const after = await send('settings/reset', { confirm: 'RESET' });
    expect(after).toMatchObject({ pinSet: false, locked: false, passkeyCount: 0 });
    expect(await send('otp/list', {})).toMatchObject({ ok: true, accounts: [] });
  });
});
