/** An authenticator account to and from its wire form: the secret travels as base32 (architecture trap 4). */
import { accountFields } from '../totp/account-fields.ts';
import { decodeBase32, encodeBase32 } from '../totp/base32.ts';
import type { OtpAccount } from '../totp/types.ts';
import type { OtpAccountWire } from './views.ts';

export function accountToWire(account: OtpAccount): OtpAccountWire {
  return { ...accountFields(account), secret: encodeBase32(account.secret) };
}

/** @throws TypeError when the secret is not base32 (the guards check the rest). */
export function accountFromWire(wire: OtpAccountWire): OtpAccount {
  return { ...accountFields(wire), secret: decodeBase32(wire.secret) };
}
