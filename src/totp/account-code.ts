/** The code an {@link OtpAccount} shows, whatever its kind: what the popup calls each second. */
import { hotp } from './hotp.ts';
import { type TotpCode, totp, totpPair } from './totp.ts';
import type { OtpAccount } from './types.ts';

/**
 * A displayed code and the counter it was made with (the time step for TOTP/Steam). For HOTP,
 * `remainingMs` is null: the code stays until the counter moves.
 */
export interface AccountCode extends Omit<TotpCode, 'remainingMs'> {
  remainingMs: number | null;
}

/**
 * The code of `account` at `timestamp` (ms). For HOTP this is the code of `account.counter`; the
 * caller moves the counter on (and stores it) when the user asks for the next code.
 */
export async function accountCode(account: OtpAccount, timestamp: number): Promise<AccountCode> {
  if (account.kind === 'hotp') {
    const code = await hotp({
      secret: account.secret,
      counter: account.counter,
      algorithm: account.algorithm,
      digits: account.digits,
    });
    return { code, counter: account.counter, remainingMs: null };
  }
  return totp(totpOptions(account, timestamp));
}

function totpOptions(account: OtpAccount, timestamp: number) {
  return {
    kind: account.kind === 'steam' ? ('steam' as const) : ('totp' as const),
    secret: account.secret,
    algorithm: account.algorithm,
    digits: account.digits,
    period: account.period,
    timestamp,
  };
}

/**
 * The current and the next code of `account`, for "enter two consecutive codes" enrolment forms.
 * For HOTP these are the codes of `counter` and `counter + 1`.
 */
export async function accountCodePair(
  account: OtpAccount,
  timestamp: number,
): Promise<{ current: AccountCode; next: AccountCode }> {
  if (account.kind === 'hotp') {
    const current = await accountCode(account, timestamp);
    const next = await accountCode({ ...account, counter: account.counter + 1 }, timestamp);
    return { current, next };
  }
  return totpPair(totpOptions(account, timestamp));
}
