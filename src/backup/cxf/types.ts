/**
 * Tapkey's side of a CXF exchange: what goes into `exportCxf` and what comes out of `importCxf`.
 * Plain data with `Uint8Array` bytes (architecture trap 4: turn them into strings before they cross
 * an extension message).
 */
import type { ImportIssue, OtpAccount } from '../../totp/types.ts';
import type { CxfHeader } from './format.ts';

/**
 * COSE algorithm identifiers of the passkeys Tapkey makes: ES256 (P-256) and EdDSA (Ed25519), and
 * RS256 from a workbench test profile (exported, never imported: decode-pkcs8.ts reads EC keys only).
 */
export type CxfPasskeyAlg = -7 | -8 | -257;

/** One passkey, as the credential store holds it once its key is decrypted. */
export interface CxfPasskeyInput {
  credentialId: Uint8Array;
  rpId: string;
  /** The RP's name for people; CXF has no member for it, so it becomes the item's title. */
  rpName: string;
  /** PublicKeyCredentialUserEntity.name. */
  userName: string;
  /** PublicKeyCredentialUserEntity.displayName. */
  userDisplayName: string;
  /** PublicKeyCredentialUserEntity.id. */
  userHandle: Uint8Array;
  alg: CxfPasskeyAlg;
  /** The raw 32-byte P-256 scalar for ES256, the 32-byte Ed25519 seed for EdDSA, PKCS#8 for RS256. */
  privateKey: Uint8Array;
  /** The signature counter. Only 0 may be exported (CXF §3.3.12); imported passkeys get 0. */
  signCount: number;
  /** When the passkey was made, Unix milliseconds; becomes the item's `creationAt`. */
  createdAt?: number;
  /** CTAP hmac-secret's two per-credential keys, which WebAuthn `prf` uses (CXF §3.3.12.3). */
  prfSecrets?: { withUv: Uint8Array; withoutUv: Uint8Array };
  /** CTAP 2.1 `credBlob` (CXF §3.3.12.2). */
  credBlob?: Uint8Array;
  /** WebAuthn `largeBlob`, compressed, with its size before compression (CXF §3.3.12.5). */
  largeBlob?: { uncompressedSize: number; data: Uint8Array };
  /** Secure Payment Confirmation credential (CXF §3.3.12.2 `payments`). */
  payments?: boolean;
}

/** One authenticator-code account; every {@link OtpAccount} is one. */
export type CxfTotpInput = Pick<
  OtpAccount,
  'kind' | 'issuer' | 'accountName' | 'secret' | 'algorithm' | 'digits' | 'period' | 'counter'
>;

/** What to export. */
export interface CxfExportInput {
  passkeys: readonly CxfPasskeyInput[];
  accounts: readonly CxfTotpInput[];
}

/** Who exports, and the sources of time and randomness (tests pass fixed ones). */
export interface CxfExportOptions {
  /** The exporting app as an RP ID (CXF §3.1 `exporterRpId`). */
  exporterRpId: string;
  /** The exporting app's name for people (CXF §3.1 `exporterDisplayName`). */
  exporterDisplayName: string;
  /** The CXF Account the items belong to (§3.2.1); both default to '' ("none set"). */
  account?: { username?: string; email?: string };
  /** Unix milliseconds; default `Date.now`. */
  now?: () => number;
  /** Random bytes for account and item ids; default `crypto.getRandomValues`. */
  randomBytes?: (length: number) => Uint8Array;
}

/** Something `exportCxf` did not write, and why, in words for the user (never a secret). */
export interface CxfLeftOut {
  kind: 'passkey' | 'account';
  /** Which one: "alice on example.com", "GitHub: alice". */
  label: string;
  reason: string;
}

/** The document to write, and what had to stay out of it. */
export interface CxfExportResult {
  document: CxfHeader;
  leftOut: CxfLeftOut[];
}

/** What `importCxf` found: the usable passkeys and accounts, and a note for everything else. */
export interface CxfImportResult {
  /** Who exported the document, as it says (CXF §3.1); '' / 0 when it does not say. */
  exporter: { rpId: string; displayName: string; timestamp: number };
  /** Every one with `signCount` 0 (CXF §3.3.12: importers MUST start counters at zero). */
  passkeys: CxfPasskeyInput[];
  accounts: OtpAccount[];
  /**
   * One note per credential that was not imported, or imported without something (PRF secrets of an
   * unknown algorithm, say). Messages never contain a secret.
   */
  issues: ImportIssue[];
}
