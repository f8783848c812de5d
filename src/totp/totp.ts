/** RFC 6238 TOTP (and Steam Guard, its 5-letter variant) at a given time. */
import { checkDigits, hotpTruncated } from './hotp.ts';
import { steamCodeFromTruncated } from './steam.ts';
import { DEFAULT_PERIOD, type OtpAlgorithm } from './types.ts';

/** Inputs of one TOTP computation. */
export interface TotpOptions {
  /** The raw key (decode base32 first). */
  secret: Uint8Array;
  /** 'totp' (default) or 'steam'. Steam ignores `algorithm` and `digits` (always SHA1, 5 characters). */
  kind?: 'totp' | 'steam';
  /** Default SHA1. */
  algorithm?: OtpAlgorithm;
  /** Default 6; 6, 7 or 8. */
  digits?: number;
  /** Time step X in seconds, a positive whole number. Default 30. */
  period?: number;
  /** Unix time in milliseconds (`Date.now()`), ≥ 0. T0 is 0, as RFC 6238 §4.1 defaults. */
  timestamp: number;
}

/** A code, which time step it belongs to, and how long it stays valid. */
export interface TotpCode {
  code: string;
  /** T = floor(unix seconds / period), the HOTP counter the code was made with. */
  counter: number;
  /** Milliseconds until the next step starts (1 … period × 1000). */
  remainingMs: number;
}

/**
 * Checks a period and returns it in milliseconds.
 * @throws TypeError saying what was given.
 */
export function periodMs(period: number): number {
  if (!Number.isSafeInteger(period) || period <= 0) {
    throw new TypeError(`period is ${period}; expected a positive whole number of seconds`);
  }
  return period * 1000;
}

/**
 * The RFC 6238 §4.2 time step T for a Unix time in milliseconds, computed without floating-point
 * division so that step boundaries are exact.
 */
export function timeStep(timestamp: number, period: number = DEFAULT_PERIOD): number {
  const step = periodMs(period);
  if (!Number.isFinite(timestamp) || timestamp < 0) {
    throw new TypeError(`timestamp is ${timestamp}; expected milliseconds since 1970, not negative`);
  }
  const ms = Math.floor(timestamp);
  return (ms - (ms % step)) / step;
}

/**
 * The TOTP (or Steam Guard) code at `timestamp`.
 *
 * @example await totp({ secret, timestamp: Date.now() }) // { code: '287082', counter: 1, remainingMs: 1000 }
 * @throws TypeError (as a rejection) for a bad period, digits, timestamp or empty secret.
 */
export async function totp(options: TotpOptions): Promise<TotpCode> {
  const period = options.period ?? DEFAULT_PERIOD;
  const counter = timeStep(options.timestamp, period);
  const step = periodMs(period);
  const remainingMs = step - (Math.floor(options.timestamp) % step);
  if (options.kind === 'steam') {
    const truncated = await hotpTruncated({ secret: options.secret, counter, algorithm: 'SHA1' });
    return { code: steamCodeFromTruncated(truncated), counter, remainingMs };
  }
  const digits = options.digits ?? 6;
  checkDigits(digits);
  const truncated = await hotpTruncated({ secret: options.secret, counter, algorithm: options.algorithm });
  return { code: (truncated % 10 ** digits).toString().padStart(digits, '0'), counter, remainingMs };
}

/** The code now and the one after it, e.g. for sites that ask for two consecutive codes at enrolment. */
export interface TotpPair {
  current: TotpCode;
  /** The code of the next time step (its `remainingMs` counts to the end of that step). */
  next: TotpCode;
}

/** Computes the current and the next code at once. */
export async function totpPair(options: TotpOptions): Promise<TotpPair> {
  const current = await totp(options);
  const step = periodMs(options.period ?? DEFAULT_PERIOD);
  const next = await totp({ ...options, timestamp: Math.floor(options.timestamp) + current.remainingMs });
  return { current, next: { ...next, remainingMs: current.remainingMs + step } };
}
