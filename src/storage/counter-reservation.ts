/**
 * Signature counters without a disk flush on every sign-in. WebAuthn L3 §6.1.1 asks only that the
 * counter increase; CTAP lets it grow by more than one. So a block of values is reserved at a time:
 * its top is stored with strict durability, then values are handed out from memory, and the value
 * used is written behind (relaxed). A crash may skip values, never repeat one: after a restart (or
 * whenever the stored reservation is not the one remembered here) the next block starts above the
 * stored top. Chrome's virtual authenticator persists nothing at all, which is why it is fast.
 */

/** Values reserved per strict write. A worker restart skips at most this many. */
export const COUNTER_BLOCK = 32;
/** WebAuthn's counter is a uint32: it wraps, as a key that signed four billion times would. */
const UINT32 = 2 ** 32;

export interface Reservation {
  /** The next value to hand out. */
  next: number;
  /** The stored top: values up to it may be handed out without another strict write. */
  reserved: number;
}

/** The counter state a record holds. */
export interface StoredCounter {
  signCount: number;
  counterReserved?: number;
}

/** The value above everything that may have been used: the last value used or the stored top. */
export function counterFloor(stored: StoredCounter): number {
  return Math.max(stored.signCount, stored.counterReserved ?? 0);
}

/**
 * The counter a backup carries, and a restore compares with: the floor once the passkey has signed
 * here, its stored counter before (its block was reserved ahead when it was stored, unused). So a
 * passkey never used still exports with counter 0, as the Credential Exchange Format requires. An OS
 * crash within milliseconds of a first sign-in could lose its relaxed write-behind (`lastUsedAt`
 * too), and that one sign-in would then not count here.
 */
export function backupCounter(stored: StoredCounter & { lastUsedAt?: number | null }): number {
  return stored.lastUsedAt == null ? stored.signCount : counterFloor(stored);
}

/**
 * The next value from `held` if it is still good for `stored` (the record was not replaced or
 * reserved anew elsewhere since), or undefined when a new block must be stored first.
 */
export function takeReserved(held: Reservation | undefined, stored: StoredCounter): number | undefined {
  if (!held || held.reserved !== stored.counterReserved || held.next > held.reserved) return undefined;
  if (held.next <= stored.signCount) return undefined;
  return held.next++;
}

/**
 * A block reserved ahead, nothing used yet: a new credential's, stored in the transaction that adds
 * it, so its first sign-ins need no strict write of their own.
 */
export function reserveAhead(stored: StoredCounter): Reservation {
  const next = (counterFloor(stored) + 1) % UINT32;
  return { next, reserved: Math.min(next + COUNTER_BLOCK - 1, UINT32 - 1) };
}

/** A new block above everything stored: the value to use now and the reservation to store. */
export function reserveBlock(stored: StoredCounter): { value: number; reservation: Reservation } {
  const value = (counterFloor(stored) + 1) % UINT32;
  const reserved = Math.min(value + COUNTER_BLOCK - 1, UINT32 - 1);
  return { value, reservation: { next: value + 1, reserved } };
}
