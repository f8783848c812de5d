/**
 * The plaintext that is sealed for a credential's hmac-secret keys: each key with a 2-byte length in
 * front (keys imported by CXF SHOULD be 32 bytes but are used as they are, CXF §3.3.12.3).
 */
import type { PrfSecrets } from '../authenticator/ports.ts';
import { concat } from '../shared/bytes.ts';

function withLength(bytes: Uint8Array): Uint8Array {
  if (bytes.length > 0xffff) throw new RangeError(`an hmac-secret key of ${bytes.length} bytes is too long`);
  return concat(Uint8Array.of(bytes.length >> 8, bytes.length & 0xff), bytes);
}

export function encodePrfSecrets(secrets: PrfSecrets): Uint8Array {
  return concat(withLength(secrets.withUv), withLength(secrets.withoutUv));
}

export function decodePrfSecrets(plain: Uint8Array): PrfSecrets {
  const read = (offset: number): [Uint8Array, number] => {
    const length = ((plain[offset] ?? 0) << 8) | (plain[offset + 1] ?? 0);
    const end = offset + 2 + length;
    if (end > plain.length) throw new RangeError('stored hmac-secret keys are cut short');
    return [plain.slice(offset + 2, end), end];
  };
  const [withUv, next] = read(0);
  const [withoutUv, end] = read(next);
  if (end !== plain.length) throw new RangeError('stored hmac-secret keys have trailing bytes');
  return { withUv, withoutUv };
}
