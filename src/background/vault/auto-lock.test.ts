/**
 * Auto-lock: a PIN-protected vault locks after the chosen period without use, by an alarm (which
 * wakes a stopped worker); without a PIN, or with "only when the browser closes", nothing is armed.
 */
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fake } from '../../../test/fakes/browser-global.ts';
import { until } from '../../../test/fakes/until.ts';
import { openVault } from '../../storage/open-vault.ts';
import { memoryCache } from '../../storage/testing/fixtures.ts';
import { setAutoLockMinutes } from '../settings/preferences.ts';
import { createAutoLock } from './auto-lock.ts';
import { Vault } from './vault.ts';

vi.setConfig({ testTimeout: 30_000 });

const ALARM = 'tapkey-auto-lock';
const NOW = Date.UTC(2026, 0, 1, 12);
let n = 0;

async function setUp(pin: boolean) {
  const name = `auto-lock-${n++}`;
  const cache = memoryCache();
  const vault = new Vault(
    () => openVault(name),
    cache,
    () => autoLock.used(),
  );
  const autoLock = createAutoLock(() => vault);
  if (pin) await vault.setPin('1234');
  // A use of the vault key arms the alarm (or, without a PIN, clears it) behind it.
  await (await vault.codes()).list();
  await turns();
  return { vault, autoLock, cache };
}

/** Lets what a call set off behind it (`void`ed promises) run its course. */
async function turns(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
}

const alarmAt = () => fake.alarms.get(ALARM)?.when;

beforeEach(() => {
  fake.reset();
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => vi.useRealTimers());

describe('auto-lock', () => {
  it('with a PIN: using the vault arms the alarm for the period (15 minutes by default)', async () => {
    await setUp(true);
    expect(alarmAt()).toBe(NOW + 15 * 60_000);
  });

  it('the alarm locks the vault, and the PIN opens it again', async () => {
    const { vault, cache } = await setUp(true);
    expect(await vault.isLocked()).toBe(false);
    fake.ringAlarm(ALARM);
    await until(async () => vault.isLocked(), 'the vault to lock');
    expect(cache.value).toBeUndefined();
    await vault.unlock('1234');
    expect(await vault.isLocked()).toBe(false);
  });

  it('another alarm locks nothing', async () => {
    const { vault } = await setUp(true);
    fake.browser.alarms.onAlarm.fire({ name: 'tapkey-something-else', scheduledTime: NOW });
    await turns();
    expect(await vault.isLocked()).toBe(false);
  });

  it('use moves the alarm on, at most once a minute (each move is an API call)', async () => {
    const { vault } = await setUp(true);
    vi.setSystemTime(NOW + 30_000);
    await (await vault.codes()).list();
    await turns();
    expect(alarmAt()).toBe(NOW + 15 * 60_000);
    vi.setSystemTime(NOW + 5 * 60_000);
    await (await vault.codes()).list();
    await turns();
    expect(alarmAt()).toBe(NOW + 20 * 60_000);
  });

  it('follows the period the user chose, and "only when the browser closes" arms nothing', async () => {
    const { autoLock } = await setUp(true);
    await setAutoLockMinutes(1);
    await autoLock.rearm();
    expect(alarmAt()).toBe(NOW + 60_000);
    await setAutoLockMinutes(0);
    await autoLock.rearm();
    expect(alarmAt()).toBeUndefined();
  });

  it('without a PIN there is nothing to lock: no alarm', async () => {
    const { vault } = await setUp(false);
    await (await vault.codes()).list();
    await turns();
    expect(alarmAt()).toBeUndefined();
    expect(fake.alarms.size).toBe(0);
  });
});
