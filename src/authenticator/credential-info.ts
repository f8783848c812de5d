/**
 * What the prompt, the popup and a page-facing list may know of a stored credential: names, counters
 * and dates, never key material. Picked field by field from whatever holds more (a stored record, a
 * new credential), so a field added to those can never reach a view by accident.
 */
import { pick } from '../shared/pick.ts';
import type { SupportedAlg } from './keys.ts';

export interface CredentialInfo {
  rpId: string;
  rpName: string;
  userName: string;
  userDisplayName: string;
  discoverable: boolean;
  alg: SupportedAlg;
  signCount: number;
  createdAt: number;
  lastUsedAt: number | null;
}

const KEYS: Record<keyof CredentialInfo, true> = {
  rpId: true,
  rpName: true,
  userName: true,
  userDisplayName: true,
  discoverable: true,
  alg: true,
  signCount: true,
  createdAt: true,
  lastUsedAt: true,
};

/** The {@link CredentialInfo} fields of `from`, and nothing else. */
export function credentialInfo(from: CredentialInfo): CredentialInfo {
  return pick(from, KEYS);
}
