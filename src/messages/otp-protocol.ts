/**
 * Runtime messages of the one-time-code feature (popup ↔ service worker). Every name starts with
 * `otp/`; the worker routes them to `src/background/otp-api.ts`. Secrets travel as base32 strings.
 */

// biome-ignore lint/complexity/noBannedTypes: filled in by the authenticator-codes feature.
export type OtpProtocol = {};
