/**
 * An account's fields besides its secret, picked one by one: whatever bigger object an account comes
 * in (a stored record, a message), nothing else is passed on. The one list of those fields.
 */
import { pick } from '../shared/pick.ts';
import type { OtpAccount } from './types.ts';

export type OtpAccountFields = Omit<OtpAccount, 'secret'>;

const FIELDS: Record<keyof OtpAccountFields, true> = {
  kind: true,
  issuer: true,
  accountName: true,
  algorithm: true,
  digits: true,
  period: true,
  counter: true,
  extra: true,
};

export function accountFields(from: OtpAccountFields): OtpAccountFields {
  return { ...pick(from, FIELDS), extra: { ...from.extra } };
}

/** What a vault keeps beside an account. */
export interface OtpBookkeeping {
  /** crypto.randomUUID(). */
  id: string;
  /** The user's order (ascending). */
  order: number;
  createdAt: number;
  /**
   * Registrable domains (Public Suffix List, private suffixes included) the account belongs to: the
   * only sites the fill shortcut gives its code to without the user choosing it.
   */
  sites: string[];
  /** Pinned by the user: listed before the others (each group in `order`). */
  pinned: boolean;
}

/** An account as a vault holds it, secret opened. */
export type StoredOtpAccount = OtpAccount & OtpBookkeeping;
