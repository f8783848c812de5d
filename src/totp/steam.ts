/**
 * Steam Guard codes. Valve publishes no specification; every open implementation (Aegis'
 * `OTP.java`, Authenticator-Extension's `key-utilities.ts`, SteamDesktopAuthenticator) agrees on:
 * TOTP with SHA-1 and a 30-second step, then the RFC 4226 truncated value written as 5 characters of
 * this alphabet, least significant first.
 */

/** The 26 characters of a Steam Guard code (no vowels, no look-alikes). */
export const STEAM_ALPHABET = '23456789BCDFGHJKMNPQRTVWXY';

/** Turns an RFC 4226 truncated value into a 5-character Steam Guard code. */
export function steamCodeFromTruncated(truncated: number): string {
  let value = truncated;
  let code = '';
  for (let i = 0; i < 5; i++) {
    code += STEAM_ALPHABET[value % STEAM_ALPHABET.length];
    value = Math.floor(value / STEAM_ALPHABET.length);
  }
  return code;
}
