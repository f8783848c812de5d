import type { OtpAccount } from './types.ts';

/** A short human name for an account in messages: "Issuer: account", or whichever part exists. */
export function accountLabel(account: Pick<OtpAccount, 'issuer' | 'accountName'>): string {
  if (account.issuer && account.accountName) return `${account.issuer}: ${account.accountName}`;
  return account.issuer || account.accountName || 'no name';
}
