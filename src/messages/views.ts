/**
 * The shapes the popup sees, derived from the core's own types. No key material, ever: credential
 * views are built with `credentialInfo`, which picks only the fields it names.
 */
import type { CredentialInfo } from '../authenticator/credential-info.ts';
import type { GateExtension } from '../authenticator/ports.ts';
import type { Hint } from '../client/hints.ts';
import type { OtpBookkeeping } from '../totp/account-fields.ts';
import type { OtpAccount } from '../totp/types.ts';

export interface CredentialSummaryView extends CredentialInfo {
  /** base64url credential ID. */
  id: string;
  /** The site signalled it no longer knows this passkey (WebAuthn L3 §5.1.10); the user may restore it. */
  hidden: boolean;
}

/** Where a page of the Passkeys list ended: its last passkey's site and ID (site order). */
export interface PasskeyCursor {
  rpId: string;
  id: string;
}

/** What a pending request asks, as the worker records it and the prompt shows it. */
export interface PromptRequestView {
  promptId: string;
  kind: 'create' | 'get';
  origin: string;
  /** The top-level site around a cross-origin frame. */
  topOrigin?: string;
  rpId: string;
  rpName?: string;
  user?: { name: string; displayName: string };
  /** get: the accounts to choose from (empty: nothing found). */
  candidates: CredentialSummaryView[];
  /** create: a credential from excludeCredentials is already here. */
  excluded: boolean;
  /** What the ceremony does besides signing (WebAuthn prf, largeBlob), for the prompt to say. */
  extensions?: GateExtension[];
  deadline: number;
  /** WebAuthn L3 §5.8.7 hints, known values only; absent in prompts queued before hints were kept. */
  hints?: Hint[];
}

export interface PromptView extends PromptRequestView {
  /** The user must enter the PIN to approve. */
  needsPin: boolean;
  /** UV was asked for but no PIN exists yet: the prompt offers to set one. */
  offerPinSetup: boolean;
  pinRetries: number;
  /** How many more requests wait behind this one. */
  queued: number;
}

export interface SettingsView {
  pinSet: boolean;
  pinRetries: number;
  locked: boolean;
  bypassOrigins: string[];
  /** Minutes without use before the vault locks (with a PIN); 0: only when the browser closes. */
  autoLockMinutes: number;
  /** When the last backup file was made, or null. */
  lastBackupAt: number | null;
  passkeyCount: number;
  /** Passkeys created since the last backup (all of them, with no backup yet). */
  passkeysSinceBackup: number;
}

/** A restore's plan and result: plain counts, the same on both sides. */
export type {
  RestorePlan as RestorePlanView,
  RestoreResult as RestoreResultView,
} from '../backup/restore-report.ts';

/** An {@link OtpAccount} on the wire: the secret as unpadded base32 (architecture trap 4). */
export type OtpAccountWire = Omit<OtpAccount, 'secret'> & { secret: string };

/** A stored account as the popup sees it. */
export type OtpAccountView = OtpAccountWire & OtpBookkeeping;

export interface OtpDuplicateView {
  /** Index into the request's `accounts`. */
  index: number;
  existingId: string;
  /** "Issuer: account" of the stored account. */
  existingLabel: string;
  reason: 'secret' | 'name';
}
