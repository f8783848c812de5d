/**
 * Accounts from the worker's views, with each secret decoded once and the same bytes reused across
 * reloads: the core caches the imported HMAC key per Uint8Array object.
 */
import { accountFromWire } from '../../src/messages/otp-account-wire.ts';
import type { OtpAccountView } from '../../src/messages/views.ts';
import type { OtpAccount } from '../../src/totp/types.ts';

/** Decoded secrets by account id and base32 text. */
const secrets = new Map<string, { base32: string; bytes: Uint8Array }>();

export function accountOf(view: OtpAccountView): OtpAccount {
  const cached = secrets.get(view.id);
  if (cached && cached.base32 === view.secret) return { ...accountFromWire(view), secret: cached.bytes };
  const account = accountFromWire(view);
  secrets.set(view.id, { base32: view.secret, bytes: account.secret });
  return account;
}
