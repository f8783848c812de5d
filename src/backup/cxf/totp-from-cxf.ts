/** One CXF §3.3.16 TOTP credential, checked and turned into a Tapkey account. */
import { decodeBase32 } from '../../totp/base32.ts';
import type { JsonObject } from '../../totp/json.ts';
import { makeAccount } from '../../totp/make-account.ts';
import type { OtpAccount } from '../../totp/types.ts';
import { type CxfOtpAlgorithm, UINT16_MAX } from './format.ts';
import { optionalText, requiredText, requiredUint } from './read-fields.ts';
import { shorten } from './shorten.ts';

const ALGORITHMS: ReadonlyMap<string, string> = new Map<CxfOtpAlgorithm, string>([
  ['sha1', 'SHA1'],
  ['sha256', 'SHA256'],
  ['sha512', 'SHA512'],
]);

/**
 * Reads a TOTP credential. `algorithm` must be one of the spec's three lower-case values: §3.3.16 says
 * importers MUST ignore TOTP credentials with any other, so 'SHA1' or 'sha-256' is refused with that
 * reason. `period`, `digits` and `algorithm` are required by the CDDL; when one is absent it takes the
 * Key Uri Format default (30, 6, sha1), which §3.3.16 says it was designed after. When `issuer` is
 * absent the item's title stands in, so the account has a name.
 *
 * @throws TypeError naming the member that is wrong; the secret is never quoted.
 */
export function totpFromCxf(credential: JsonObject, item: { title: string }): OtpAccount {
  const text = requiredText(credential, 'secret');
  if (text.trim() === '') throw new TypeError('secret is empty');
  let secret: Uint8Array;
  try {
    secret = decodeBase32(text, 'secret');
  } catch {
    // decodeBase32's own message quotes the offending character: a piece of the secret.
    throw new TypeError('secret is not base32 (RFC 4648 §6)');
  }
  const algorithm = credential.algorithm === undefined ? 'sha1' : requiredText(credential, 'algorithm');
  const known = ALGORITHMS.get(algorithm);
  if (known === undefined) {
    throw new TypeError(
      `algorithm is '${shorten(algorithm)}'; CXF 1.0 defines sha1, sha256 and sha512, and §3.3.16 says to ignore ` +
        'a TOTP credential with any other',
    );
  }
  return makeAccount({
    kind: 'totp',
    issuer: optionalText(credential, 'issuer') ?? item.title,
    accountName: optionalText(credential, 'username') ?? '',
    secret,
    algorithm: known,
    digits: credential.digits === undefined ? 6 : requiredUint(credential, 'digits', UINT16_MAX),
    period: credential.period === undefined ? 30 : requiredUint(credential, 'period', UINT16_MAX),
  });
}
