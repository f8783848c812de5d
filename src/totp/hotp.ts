/** RFC 4226 HOTP: HMAC over a 64-bit counter, dynamically truncated to a 31-bit number. */
import { hmac } from './hmac.ts';
import { MAX_DIGITS, MIN_DIGITS, type OtpAlgorithm } from './types.ts';

const MAX_COUNTER = (1n << 64n) - 1n;

/** Inputs of one HOTP computation. */
export interface HotpOptions {
  /** The raw key (decode base32 first). */
  secret: Uint8Array;
  /** The moving factor C, 0 ≤ C < 2^64. Numbers must be safe integers; use a bigint beyond 2^53. */
  counter: number | bigint;
  /** Default SHA1, as RFC 4226 and the Key Uri Format say. */
  algorithm?: OtpAlgorithm;
}

/**
 * Checks a counter and returns it as a bigint.
 * @throws TypeError naming the bad value.
 */
export function toCounter(counter: number | bigint): bigint {
  if (typeof counter === 'number') {
    if (!Number.isSafeInteger(counter) || counter < 0) {
      throw new TypeError(`counter is ${counter}; expected a whole number from 0 to 2^53 − 1 (or a bigint)`);
    }
    return BigInt(counter);
  }
  if (typeof counter !== 'bigint' || counter < 0n || counter > MAX_COUNTER) {
    throw new TypeError(`counter is ${String(counter)}; expected 0 to 2^64 − 1`);
  }
  return counter;
}

/**
 * Checks that `digits` is a whole number from 6 to 8.
 * @throws TypeError saying what was given.
 */
export function checkDigits(digits: number): void {
  if (!Number.isInteger(digits) || digits < MIN_DIGITS || digits > MAX_DIGITS) {
    throw new TypeError(`digits is ${digits}; expected ${MIN_DIGITS}, 7 or ${MAX_DIGITS}`);
  }
}

/**
 * The 31-bit number RFC 4226 §5.3 "dynamic truncation" takes from HMAC(secret, counter), before it is
 * reduced to digits. Steam Guard codes are made from this same number.
 */
export async function hotpTruncated(options: HotpOptions): Promise<number> {
  const counter = toCounter(options.counter);
  // RFC 4226 §5.1: C is an 8-byte counter value, high-order byte first.
  const message = new Uint8Array(8);
  new DataView(message.buffer).setBigUint64(0, counter, false);
  const mac = await hmac(options.secret, options.algorithm ?? 'SHA1', message);
  // RFC 4226 §5.3: the low 4 bits of the last byte pick the offset (RFC 6238 uses the same rule for
  // SHA-256/512, whose MACs are longer).
  const offset = mac[mac.length - 1]! & 0x0f;
  return (
    ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!
  );
}

/**
 * RFC 4226 HOTP value as a zero-padded decimal string.
 *
 * @example await hotp({ secret: utf8('12345678901234567890'), counter: 0 }) // '755224'
 * @throws TypeError for a bad counter or digits; rejects for an empty secret.
 */
export async function hotp(options: HotpOptions & { digits?: number }): Promise<string> {
  const digits = options.digits ?? 6;
  checkDigits(digits);
  const value = await hotpTruncated(options);
  return (value % 10 ** digits).toString().padStart(digits, '0');
}
