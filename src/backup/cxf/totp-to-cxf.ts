/** One Tapkey TOTP account as a CXF §3.3.16 TOTP credential. */
import { encodeBase32 } from '../../totp/base32.ts';
import { type CxfOtpAlgorithm, type CxfTotpCredential, UINT16_MAX } from './format.ts';
import type { CxfTotpInput } from './types.ts';

/**
 * Writes a TOTP account: the secret as unpadded base32, the algorithm in the spec's lower-case
 * spelling (OTPHashAlgorithm), and issuer and username only when the account has them (both optional
 * in §3.3.16, though recommended).
 *
 * @throws RangeError for an HOTP or Steam account, which CXF 1.0 has no type for, or a period or
 *   digit count over 65535 (`uint .size 2`). {@link exportCxf} leaves those out with a reason first.
 */
export function totpToCxf(account: CxfTotpInput): CxfTotpCredential {
  if (account.kind !== 'totp') throw new RangeError(`a ${account.kind} account has no CXF 1.0 type`);
  for (const [name, value] of [
    ['period', account.period],
    ['digits', account.digits],
  ] as const) {
    if (value > UINT16_MAX) throw new RangeError(`${name} is ${value}; CXF allows at most ${UINT16_MAX}`);
  }
  const credential: CxfTotpCredential = {
    type: 'totp',
    secret: encodeBase32(account.secret),
    period: account.period,
    digits: account.digits,
    algorithm: account.algorithm.toLowerCase() as CxfOtpAlgorithm,
  };
  if (account.accountName) credential.username = account.accountName;
  if (account.issuer) credential.issuer = account.issuer;
  return credential;
}
