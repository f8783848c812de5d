import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import { HMAC_SECRET_BYTES, hmacSecretOutputs, newPrfSecrets } from './hmac-secret.ts';
import { seededRandom } from './testing/fakes.ts';

const secrets = { withUv: new Uint8Array(32).fill(1), withoutUv: new Uint8Array(32).fill(2) };
const salt1 = new Uint8Array(32).fill(0xa1);
const salt2 = new Uint8Array(32).fill(0xa2);

describe('CTAP 2.1 §12.5 hmac-secret', () => {
  it('makes two different 32-byte keys per credential from the Random port', () => {
    const made = newPrfSecrets(seededRandom('hmac'));
    expect(made.withUv).toHaveLength(HMAC_SECRET_BYTES);
    expect(made.withoutUv).toHaveLength(HMAC_SECRET_BYTES);
    expect(made.withUv).not.toEqual(made.withoutUv);
  });

  it('is HMAC-SHA-256 of each salt under the key of the UV state', () => {
    expect(hmacSecretOutputs(secrets, true, [salt1, salt2])).toEqual([
      hmac(sha256, secrets.withUv, salt1),
      hmac(sha256, secrets.withUv, salt2),
    ]);
    expect(hmacSecretOutputs(secrets, false, [salt1])).toEqual([hmac(sha256, secrets.withoutUv, salt1)]);
  });

  it('takes one or two salts of 32 bytes (CTAP1_ERR_INVALID_LENGTH otherwise)', () => {
    expect(() => hmacSecretOutputs(secrets, true, [])).toThrow(
      expect.objectContaining({ code: 'CTAP1_ERR_INVALID_LENGTH' }),
    );
    expect(() => hmacSecretOutputs(secrets, true, [salt1, salt1, salt1])).toThrow(
      expect.objectContaining({ code: 'CTAP1_ERR_INVALID_LENGTH' }),
    );
    expect(() => hmacSecretOutputs(secrets, true, [new Uint8Array(31)])).toThrow(
      expect.objectContaining({ code: 'CTAP1_ERR_INVALID_LENGTH' }),
    );
  });
});
