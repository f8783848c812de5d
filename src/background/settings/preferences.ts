/**
 * Preferences kept in storage.local (they describe this profile, not a session): how long the vault
 * stays unlocked without use, and when the last backup was made.
 */
import browser from 'webextension-polyfill';

const AUTO_LOCK_KEY = 'autoLockMinutes';
const LAST_BACKUP_KEY = 'lastBackupAt';

/** Fifteen minutes without use, as password managers default to. */
export const DEFAULT_AUTO_LOCK_MINUTES = 15;
/** The choices the popup offers; 0 locks only when the browser closes. */
export const AUTO_LOCK_CHOICES = [1, 5, 15, 60, 240, 0] as const;

async function read<T>(key: string, valid: (v: unknown) => v is T, fallback: T): Promise<T> {
  const value = (await browser.storage.local.get(key))[key];
  return valid(value) ? value : fallback;
}

const isChoice = (v: unknown): v is number => AUTO_LOCK_CHOICES.includes(v as never);
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export function autoLockMinutes(): Promise<number> {
  return read(AUTO_LOCK_KEY, isChoice, DEFAULT_AUTO_LOCK_MINUTES);
}

export async function setAutoLockMinutes(minutes: number): Promise<void> {
  if (!isChoice(minutes))
    throw new RangeError(`auto-lock after ${minutes} minutes is not one of the choices`);
  await browser.storage.local.set({ [AUTO_LOCK_KEY]: minutes });
}

export function lastBackupAt(): Promise<number | null> {
  return read<number | null>(LAST_BACKUP_KEY, (v): v is number | null => v === null || isTime(v), null);
}

export async function setLastBackupAt(at: number): Promise<void> {
  await browser.storage.local.set({ [LAST_BACKUP_KEY]: at });
}
