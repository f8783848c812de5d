/**
 * Locks the vault after a period without use (a PIN must be set). An alarm, re-armed at most once a
 * minute while the vault is in use, wakes the worker when the period has passed, even if Chrome
 * stopped it meanwhile; the unlocked key then leaves storage.session and memory.
 */
import browser from 'webextension-polyfill';
import { autoLockMinutes } from '../settings/preferences.ts';
import type { Vault } from './vault.ts';

const ALARM = 'tapkey-auto-lock';
/** Re-arming costs an API call: skip it while the alarm is this close to what it would be set to. */
const REARM_SLACK_MS = 60_000;

export interface AutoLock {
  /** The vault was used now: the period starts again. */
  used(): void;
  /** Re-reads the period (after the user changed it) and arms the alarm for it. */
  rearm(): Promise<void>;
}

export function createAutoLock(vault: () => Vault): AutoLock {
  /** When the alarm is set to ring; 0: not set (or not known to be), -1: known to be cleared. */
  let armedFor = 0;
  /** The period, read once per worker life (the hot path must not wait on storage). */
  let period: number | undefined;

  async function arm(force: boolean): Promise<void> {
    if (force) period = undefined;
    period ??= await autoLockMinutes();
    const minutes = period;
    if (minutes === 0 || !(await vault().pinIsSet())) {
      // Nothing to lock: clear the alarm once, then leave the hot path alone.
      if (armedFor !== -1 || force) await browser.alarms.clear(ALARM);
      armedFor = -1;
      return;
    }
    const when = Date.now() + minutes * 60_000;
    if (!force && Math.abs(when - armedFor) < REARM_SLACK_MS) return;
    armedFor = when;
    await browser.alarms.create(ALARM, { when });
  }

  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name !== ALARM) return;
    armedFor = 0;
    void vault().lock();
  });

  return {
    used: () => void arm(false).catch(() => undefined),
    rearm: () => arm(true),
  };
}
