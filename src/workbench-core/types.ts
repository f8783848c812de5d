/**
 * What the workbench keeps and shows: a ceremony log entry, an origin's workbench grant, and the two
 * credential fixture shapes. Public data and signatures only: no type here has a place for a
 * private key except the fixtures, which only an export the user asked for (PIN first) produces.
 */
import type { DecodedAttestation } from './attestation.ts';
import type { DecodedAuthData } from './auth-data.ts';
import type { FaultSetting } from './fault-spec.ts';
import type { ProfileSetting, StoredTestCa } from './profile-setting.ts';
import type { DecodedSignature } from './signature.ts';

/** Who answered for the user: the prompt (a tap), the workbench's automatic presence, or autofill. */
export type LogGate = 'prompt' | 'auto' | 'autofill';

export interface CeremonyLogEntry {
  id: string;
  /** Milliseconds since the epoch, when the request arrived. */
  time: number;
  durationMs: number;
  origin: string;
  topOrigin?: string;
  /** The RP ID the request named (or defaulted to), when its options could be read. */
  rpId?: string;
  kind: 'create' | 'get';
  gate: LogGate;
  outcome: 'result' | 'error' | 'fallback';
  /** The options as the page sent them (WebAuthn JSON, after the page script's WebIDL conversion). */
  sent: unknown;
  /** The options as Tapkey understood them (src/client/parse-options.ts), bytes as base64url. */
  understood?: unknown;
  /** clientDataJSON decoded (WebAuthn L3 §5.8.1). */
  clientData?: unknown;
  /** Authenticator data decoded (§6.1). For create, the one inside the attestation object. */
  authData?: DecodedAuthData;
  attestation?: Omit<DecodedAttestation, 'authData'>;
  /** get: the assertion signature (§6.3.3 step 11), as DER and r‖s. */
  signature?: DecodedSignature;
  /** The JSON the page received (what its PublicKeyCredential was built from). */
  received?: unknown;
  error?: { name: string; message: string; rule?: string };
  /**
   * The workbench fault this ceremony ran under (fault-spec.ts), in words; `applied` false when the
   * fault had nothing to change (bad signature on a `none` attestation). What is decoded above is
   * what the page received, fault included.
   */
  fault?: { description: string; applied: boolean };
  /** The workbench profile the ceremony met (its label); absent: the default. */
  profile?: string;
}

/** An origin the developer turned the workbench on for (the log always; automatic presence if set). */
export interface WorkbenchGrant {
  /** A serialized origin (`https://dev.example.com`, `http://localhost:8080`) or `localhost` / `*.localhost` (any port). */
  pattern: string;
  addedAt: number;
  /** Approve create() and get() without the prompt. */
  autoPresence: boolean;
  /** With automatic presence: report user verification (UV) as done. */
  autoUv: boolean;
  /** When automatic presence ends (ms since the epoch); null: never. The log stays on. */
  expiresAt: number | null;
  /** A fault injected into this origin's ceremonies (fault-spec.ts); absent: none. */
  fault?: FaultSetting;
  /** The authenticator this origin's ceremonies meet (profile-setting.ts); absent: Tapkey's default. */
  profile?: ProfileSetting;
  /** The test CA the profile attests with, when it does; pages see it without its key. */
  testCa?: StoredTestCa;
}

/** Playwright's `context.credentials` credential (playwright-core types, Credentials.create/get). */
export interface PlaywrightCredential {
  /** base64url credential id. */
  id: string;
  rpId: string;
  /** base64url. */
  userHandle: string;
  /** base64url PKCS#8 DER. */
  privateKey: string;
  /** base64url SPKI DER. */
  publicKey: string;
  signCount: number;
}

/** Chrome DevTools Protocol `WebAuthn.Credential` (bytes as standard, padded base64). */
export interface CdpCredential {
  credentialId: string;
  isResidentCredential: boolean;
  rpId: string;
  /** base64 PKCS#8 DER. */
  privateKey: string;
  userHandle?: string;
  signCount: number;
  userName?: string;
  userDisplayName?: string;
}

export type CredentialShape = 'playwright' | 'cdp';

/** A passkey as the workbench lists it: ids, names, counter; never key material. */
export interface WorkbenchCredential {
  /** base64url credential ID. */
  id: string;
  rpId: string;
  rpName: string;
  /** base64url. */
  userHandle: string;
  userName: string;
  userDisplayName: string;
  discoverable: boolean;
  /** COSE algorithm: -7 ES256, -8 EdDSA. */
  alg: number;
  signCount: number;
  createdAt: number;
  lastUsedAt: number | null;
  /** The site signalled it no longer knows it (WebAuthn L3 §5.1.10). */
  hidden?: boolean;
}
