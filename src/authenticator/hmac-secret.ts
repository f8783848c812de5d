/**
 * CTAP 2.1 §12.5 hmac-secret, the authenticator side: two random 32-byte keys per credential, made
 * when it is created, and HMAC-SHA-256 of each salt under the one that matches the user-verification
 * state of the ceremony. Real authenticators encrypt salts and outputs with the platform's shared
 * secret (§6.5 PIN/UV protocols); Tapkey is client and authenticator in one process, so the bytes
 * pass in memory instead, and nothing about them appears in the authenticator data the RP sees
 * (Chrome's authenticator data carries no hmac-secret output either: test/fixtures/extensions).
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { AuthenticatorError } from './errors.ts';
import type { PrfSecrets, Random } from './ports.ts';

/** CTAP 2.1 §12.5: CredRandom and each salt are 32 bytes. */
export const HMAC_SECRET_BYTES = 32;

/** §12.5 "authenticatorMakeCredential additional behaviors": generate CredRandomWithUV/WithoutUV. */
export function newPrfSecrets(random: Random): PrfSecrets {
  return { withUv: random.bytes(HMAC_SECRET_BYTES), withoutUv: random.bytes(HMAC_SECRET_BYTES) };
}

/**
 * §12.5 "authenticatorGetAssertion additional behaviors" step 5: output1 = HMAC-SHA-256(CredRandom,
 * salt1), output2 = HMAC-SHA-256(CredRandom, salt2), CredRandom chosen by whether UV was performed.
 */
export function hmacSecretOutputs(
  secrets: PrfSecrets,
  userVerified: boolean,
  salts: readonly Uint8Array[],
): Uint8Array[] {
  if (salts.length < 1 || salts.length > 2) {
    throw new AuthenticatorError(
      'CTAP1_ERR_INVALID_LENGTH',
      `hmac-secret takes 1 or 2 salts, got ${salts.length}`,
    );
  }
  const key = userVerified ? secrets.withUv : secrets.withoutUv;
  return salts.map((salt) => {
    if (salt.length !== HMAC_SECRET_BYTES) {
      throw new AuthenticatorError(
        'CTAP1_ERR_INVALID_LENGTH',
        `an hmac-secret salt is ${salt.length} bytes, expected ${HMAC_SECRET_BYTES}`,
      );
    }
    return hmac(sha256, key, salt);
  });
}
