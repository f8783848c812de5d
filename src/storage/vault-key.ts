/**
 * The vault key encrypts every private key at rest. Until the user sets a PIN it is stored as is
 * (the browser profile is then the only protection, and the popup says so); once a PIN is set it is
 * wrapped with AES-GCM under PBKDF2-SHA256(PIN, salt). Setting, changing or removing the PIN makes a
 * new vault key and re-seals everything with it (rekey-vault.ts), so a copy of the profile taken
 * before cannot open what is stored after. A PIN is verified by unwrapping: the GCM tag
 * fails for a wrong PIN, so no PIN hash is stored beside it. While unlocked the raw key lives only in
 * the service worker's memory and in `chrome.storage.session` (memory-only, extension-only).
 */
import type { VaultDB } from './open-vault.ts';
import { rekeyVault } from './rekey-vault.ts';
import type { SealedBytes, VaultKeyRecord } from './schema.ts';
import { importVaultKey, seal, unseal } from './seal.ts';
import { writeTransaction } from './write-transaction.ts';

/** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
export const PIN_KDF_ITERATIONS = 600_000;
/** CTAP 2.1 §6.5.2.2: eight consecutive wrong PINs block user verification. */
export const PIN_MAX_RETRIES = 8;
/** CTAP 2.1 §6.4: a PIN is at least 4 code points. */
export const PIN_MIN_LENGTH = 4;
export const PIN_MAX_LENGTH = 63;

const AAD = new TextEncoder().encode('tapkey vault key v1');

/** Where the unlocked key is kept between service-worker restarts. */
export interface UnlockedKeyCache {
  get(): Promise<Uint8Array | undefined>;
  set(raw: Uint8Array): Promise<void>;
  clear(): Promise<void>;
}

export class VaultLockedError extends Error {
  override readonly name = 'VaultLockedError';
}

export class PinError extends Error {
  override readonly name = 'PinError';
  constructor(
    readonly reason: 'wrong' | 'blocked' | 'invalid' | 'not-set',
    message: string,
    readonly retriesLeft?: number,
  ) {
    super(message);
  }
}

export async function readVaultKeyRecord(db: VaultDB): Promise<VaultKeyRecord | undefined> {
  return (await db.get('meta', 'vaultKey')) as VaultKeyRecord | undefined;
}

export async function hasPin(db: VaultDB): Promise<boolean> {
  return (await readVaultKeyRecord(db))?.kind === 'pin';
}

export async function pinRetries(db: VaultDB): Promise<number> {
  const used = ((await db.get('meta', 'pinRetries')) as number | undefined) ?? 0;
  return PIN_MAX_RETRIES - used;
}

/** The raw vault key, creating one on first use. Throws VaultLockedError when a PIN must be entered. */
export async function rawVaultKey(db: VaultDB, cache: UnlockedKeyCache): Promise<Uint8Array> {
  const cached = await cache.get();
  if (cached) return cached;
  const tx = writeTransaction(db, ['meta']);
  let record = (await tx.store.get('vaultKey')) as VaultKeyRecord | undefined;
  if (!record) {
    record = { kind: 'plain', key: crypto.getRandomValues(new Uint8Array(32)) };
    await tx.store.put(record, 'vaultKey');
  }
  await tx.done;
  if (record.kind === 'pin') throw new VaultLockedError('the vault is locked: enter your PIN');
  return record.key;
}

export async function vaultCryptoKey(db: VaultDB, cache: UnlockedKeyCache): Promise<CryptoKey> {
  return importVaultKey(await rawVaultKey(db, cache));
}

export function checkPinFormat(pin: string): void {
  const length = [...pin.normalize('NFC')].length;
  if (length < PIN_MIN_LENGTH || length > PIN_MAX_LENGTH) {
    throw new PinError(
      'invalid',
      `a PIN has ${PIN_MIN_LENGTH} to ${PIN_MAX_LENGTH} characters; this one has ${length}`,
    );
  }
}

/**
 * How a PIN becomes the key that wraps the vault key. A parameter of `unlockWithPin` so tests can
 * watch (or slow) the derivation and show that attempts are counted before it, one at a time.
 */
export type PinKeyDerivation = (pin: string, salt: Uint8Array, iterations: number) => Promise<CryptoKey>;

/** PBKDF2-HMAC-SHA256 of the PIN (NFC, UTF-8) to an AES-256-GCM key. */
export async function derivePinKey(pin: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(pin.normalize('NFC')),
    'PBKDF2',
    false,
    ['deriveKey'],
  );
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as Uint8Array<ArrayBuffer>, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/**
 * Verifies `pin` and unlocks the vault. Wrong PINs count towards the block; a right one resets the
 * count. Throws PinError('wrong' | 'blocked' | 'not-set').
 */
let attempts: Promise<unknown> = Promise.resolve();

export function unlockWithPin(
  db: VaultDB,
  cache: UnlockedKeyCache,
  pin: string,
  derive: PinKeyDerivation = derivePinKey,
): Promise<Uint8Array> {
  // One attempt at a time: parallel guesses must not share one retry count.
  return serially(() => attemptPin(db, cache, pin, derive));
}

async function attemptPin(
  db: VaultDB,
  cache: UnlockedKeyCache,
  pin: string,
  derive: PinKeyDerivation = derivePinKey,
): Promise<Uint8Array> {
  const record = await readVaultKeyRecord(db);
  if (record?.kind !== 'pin') throw new PinError('not-set', 'no PIN is set on this key');
  // The attempt is counted before the slow derivation (CTAP 2.1 §6.5.5.5 decrements first), so a
  // worker stopped mid-attempt still has it counted; a right PIN resets the count below.
  const tx = writeTransaction(db, ['meta']);
  const used = ((await tx.store.get('pinRetries')) as number | undefined) ?? 0;
  if (used >= PIN_MAX_RETRIES) {
    await tx.done;
    throw new PinError('blocked', 'the PIN is blocked after too many wrong attempts', 0);
  }
  await tx.store.put(used + 1, 'pinRetries');
  await tx.done;
  let raw: Uint8Array;
  try {
    raw = await unseal(await derive(pin, record.salt, record.iterations), record.wrapped, AAD);
  } catch {
    const retriesLeft = PIN_MAX_RETRIES - (used + 1);
    if (retriesLeft <= 0) throw new PinError('blocked', 'wrong PIN; the PIN is now blocked', 0);
    throw new PinError('wrong', `wrong PIN; ${retriesLeft} attempts left`, retriesLeft);
  }
  const reset = writeTransaction(db, ['meta']);
  await reset.store.put(0, 'pinRetries');
  await reset.done;
  await cache.set(raw);
  return raw;
}

/** Runs vault-key changes one at a time: PIN attempts, setting the PIN and reset never interleave. */
function serially<T>(run: () => Promise<T>): Promise<T> {
  const next = attempts.then(run);
  attempts = next.catch(() => undefined);
  return next;
}

/** Sets or changes the PIN. Changing needs the vault unlocked (the current PIN entered first). */
export function setPin(db: VaultDB, cache: UnlockedKeyCache, newPin: string): Promise<void> {
  return serially(() => setPinNow(db, cache, newPin));
}

async function setPinNow(db: VaultDB, cache: UnlockedKeyCache, newPin: string): Promise<void> {
  checkPinFormat(newPin);
  const oldRaw = await rawVaultKey(db, cache);
  // A new vault key, not the old one wrapped: a copy of the profile from before holds the old key.
  const raw = crypto.getRandomValues(new Uint8Array(32));
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const wrapped: SealedBytes = await seal(await derivePinKey(newPin, salt, PIN_KDF_ITERATIONS), raw, AAD);
  await rekeyVault(db, oldRaw, raw, { kind: 'pin', salt, iterations: PIN_KDF_ITERATIONS, wrapped });
  await cache.set(raw);
}

/** Removes the PIN after `currentPin` unlocks the vault; the vault gets a new, unwrapped key. */
export function removePin(db: VaultDB, cache: UnlockedKeyCache, currentPin: string): Promise<void> {
  return serially(async () => {
    const oldRaw = await attemptPin(db, cache, currentPin);
    const raw = crypto.getRandomValues(new Uint8Array(32));
    await rekeyVault(db, oldRaw, raw, { kind: 'plain', key: raw });
    await cache.set(raw);
  });
}

/**
 * Erases the whole key (CTAP 2.1 §6.6 authenticatorReset): every passkey, every code and the PIN, in
 * one transaction, then forgets the unlocked key. The only way out of a blocked PIN, as on a real key.
 */
export function resetVault(db: VaultDB, cache: UnlockedKeyCache): Promise<void> {
  return serially(() => resetNow(db, cache));
}

async function resetNow(db: VaultDB, cache: UnlockedKeyCache): Promise<void> {
  const tx = writeTransaction(db, ['credentials', 'otpAccounts', 'meta', 'staged']);
  await Promise.all([
    tx.objectStore('staged').clear(),
    tx.objectStore('credentials').clear(),
    tx.objectStore('otpAccounts').clear(),
    tx.objectStore('meta').clear(),
  ]);
  await tx.done;
  await cache.clear();
}
