/**
 * Shared types of the one-time-code core. Plain data only: an {@link OtpAccount} can be stored in
 * IndexedDB as is (structured clone keeps the `Uint8Array`), but must not cross extension messages
 * without turning `secret` into a string first (see architecture.md, trap 4).
 */

/** How codes are made: RFC 6238 TOTP, RFC 4226 HOTP, or Steam Guard (TOTP with a 5-letter alphabet). */
export type OtpKind = 'totp' | 'hotp' | 'steam';

/** The HMAC hash, named as in the Key Uri Format's `algorithm` parameter. */
export type OtpAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';

/** Every supported algorithm, in the Key Uri Format's spelling. */
export const OTP_ALGORITHMS: readonly OtpAlgorithm[] = ['SHA1', 'SHA256', 'SHA512'];

/** Digits a TOTP/HOTP account may have (Key Uri Format: 6 or 8; 7 is used in the wild). */
export const MIN_DIGITS = 6;
/** See {@link MIN_DIGITS}. */
export const MAX_DIGITS = 8;
/** Steam Guard codes are always 5 characters long. */
export const STEAM_DIGITS = 5;
/** The Key Uri Format's default period, in seconds. */
export const DEFAULT_PERIOD = 30;

/** One authenticator account: what an `otpauth://` URI or a backup entry describes. */
export interface OtpAccount {
  kind: OtpKind;
  /** The provider ("Example, Inc"); '' when unknown. */
  issuer: string;
  /** The account at that provider ("alice@example.com"); may be ''. */
  accountName: string;
  /** The raw HMAC key. Treat it as immutable: HMAC keys are cached per `Uint8Array` object. */
  secret: Uint8Array;
  algorithm: OtpAlgorithm;
  /** 6–8 for TOTP/HOTP; always 5 for Steam. */
  digits: number;
  /** Time step in seconds (TOTP and Steam); 30 for HOTP, where it is unused. */
  period: number;
  /** Next HOTP counter value; 0 for TOTP and Steam, where it is unused. */
  counter: number;
  /** Unknown `otpauth://` parameters (e.g. `image`), kept so that writing the URI back loses nothing. */
  extra: Record<string, string>;
}

/** One thing an importer could not take, and why. The message never contains a secret. */
export interface ImportIssue {
  /** Where in the input, for the user: "line 3", "entry 2 (GitHub)". */
  where: string;
  message: string;
}

/** What an importer returns: the good accounts, and a note for every entry it had to leave out. */
export interface ImportResult {
  accounts: OtpAccount[];
  issues: ImportIssue[];
}
