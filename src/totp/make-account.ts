/** Builds a checked {@link OtpAccount} from the fields a backup entry gives. */
import { checkDigits, toCounter } from './hotp.ts';
import { parseAlgorithm } from './otpauth-uri.ts';
import { periodMs } from './totp.ts';
import { DEFAULT_PERIOD, type OtpAccount, STEAM_DIGITS } from './types.ts';

/** What backup formats describe; missing values take the Key Uri Format defaults. */
export interface AccountFields
  extends Pick<OtpAccount, 'kind' | 'issuer' | 'accountName' | 'secret'>,
    Partial<Pick<OtpAccount, 'digits' | 'period' | 'counter'>> {
  /** 'SHA1', 'sha256', 'SHA-512'…; default SHA1. */
  algorithm?: string;
}

/**
 * Checks the fields and returns the account. Steam accounts get 5 digits and SHA1 whatever was given.
 * @throws TypeError saying which field is wrong.
 */
export function makeAccount(fields: AccountFields): OtpAccount {
  if (fields.secret.length === 0) throw new TypeError('secret is empty');
  const algorithm = parseAlgorithm(fields.algorithm);
  const steam = fields.kind === 'steam';
  if (steam && algorithm !== 'SHA1')
    throw new TypeError(`algorithm is ${algorithm}; Steam Guard codes use SHA1 only`);
  const digits = steam ? STEAM_DIGITS : (fields.digits ?? 6);
  if (!steam) checkDigits(digits);
  const period = fields.kind === 'hotp' ? DEFAULT_PERIOD : (fields.period ?? DEFAULT_PERIOD);
  periodMs(period);
  const counter = fields.kind === 'hotp' ? (fields.counter ?? 0) : 0;
  toCounter(counter);
  return {
    kind: fields.kind,
    issuer: fields.issuer.trim(),
    accountName: fields.accountName.trim(),
    secret: fields.secret,
    algorithm,
    digits,
    period,
    counter,
    extra: {},
  };
}
