/**
 * WebAuthn L3 §10.1.4 prf, the client's side: PRF inputs become hmac-secret salts, evalByCredential
 * is chosen by the credential the authenticator used, and hmac-secret outputs become `results`.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { concat, toBase64url, utf8 } from '../shared/bytes.ts';
import type { PrfInput, PrfRequest } from './types.ts';

/** "WebAuthn PRF" ‖ 0x00, the context prefix of every salt (L3 §10.1.4, client extension processing). */
const PRF_CONTEXT = concat(utf8('WebAuthn PRF'), Uint8Array.of(0));

/** salt = SHA-256(UTF8Encode("WebAuthn PRF") ‖ 0x00 ‖ input), so PRF outputs never collide with raw hmac-secret use. */
export function prfSalt(input: Uint8Array): Uint8Array {
  return sha256(concat(PRF_CONTEXT, input));
}

/** The salts for one PRF input: first, and second when given. */
export function prfSalts(input: PrfInput): Uint8Array[] {
  return input.second === undefined ? [prfSalt(input.first)] : [prfSalt(input.first), prfSalt(input.second)];
}

/**
 * L3 §10.1.4 authentication step: the evalByCredential entry whose key is the base64url ID of the
 * credential used, otherwise eval, otherwise none. Keys were decoded and re-encoded when parsed, so
 * any base64url spelling of an ID matches.
 */
export function prfInputFor(request: PrfRequest, credentialId: Uint8Array): PrfInput | undefined {
  return request.evalByCredential.get(toBase64url(credentialId)) ?? request.eval;
}
