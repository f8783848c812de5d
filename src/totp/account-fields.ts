/**
 * An account's fields besides its secret, picked one by one: whatever bigger object an account comes
 * in (a stored record, a message), nothing else is passed on. The one list of those fields.
 */
import type { OtpAccount } from './types.ts';

export type OtpAccountFields = Omit<OtpAccount, 'secret'>;

const FIELDS = {
  kind: true,
  issuer: true,
  accountName: true,
  algorithm: true,
  digits: true,
  period: true,
  counter: true,
  extra: true,
} as const satisfies Record<keyof OtpAccountFields, true>;

export function accountFields(from: OtpAccountFields): OtpAccountFields {
  const out = {} as Record<keyof OtpAccountFields, unknown>;
  for (const key of Object.keys(FIELDS) as (keyof OtpAccountFields)[]) out[key] = from[key];
  return { ...(out as OtpAccountFields), extra: { ...from.extra } };
}

/** What a vault keeps beside an account. */
export interface OtpBookkeeping {
  /** crypto.randomUUID(). */
  id: string;
  /** The user's order (ascending). */
  order: number;
  createdAt: number;
}

/** An account as a vault holds it, secret opened. */
export type StoredOtpAccount = OtpAccount & OtpBookkeeping;
