/**
 * What the pure authenticator needs from the outside world, passed in as arguments so tests use
 * fakes and the extension plugs in IndexedDB, the popup and crypto.getRandomValues.
 */
import type { CredentialInfo } from './credential-info.ts';
import type { SupportedAlg } from './keys.ts';
import type { AuthenticatorProfile } from './profile.ts';
import type {
  GetAssertionParams,
  GetAssertionResult,
  LargeBlobOperation,
  MakeCredentialParams,
  MakeCredentialResult,
  UvRequirement,
} from './types.ts';

/** A credential as the store lists it for a ceremony: its ids and info, no key material. */
export interface CredentialSummary extends CredentialInfo {
  credentialId: Uint8Array;
  userHandle: Uint8Array;
  /**
   * The site said it no longer knows this credential (WebAuthn L3 §5.1.10 signal methods): it is kept,
   * so the user can restore it, but never offered for sign-in.
   */
  hidden?: boolean;
}

/**
 * CTAP 2.1 §12.5 hmac-secret's two per-credential keys (CredRandomWithUV, CredRandomWithoutUV), which
 * WebAuthn `prf` uses. Key material: stored sealed like the private key, never shown.
 */
export interface PrfSecrets {
  withUv: Uint8Array;
  withoutUv: Uint8Array;
}

/**
 * Why a ceremony looks credentials up. `sign-in` (allowCredentials) skips hidden ones: a credential
 * the site disowned must not be offered. `exclude` (excludeCredentials) counts them: the key still
 * holds that credential, and reporting it is the spec-safe answer (WebAuthn L3 §5.1.3 step 20,
 * CTAP 2.1 §6.1.2 step 11) — a site that lists it still knows it, so it was not really unknown.
 */
export type LookupPurpose = 'sign-in' | 'exclude';

export interface NewCredential extends CredentialSummary {
  privateKey: Uint8Array;
  /** COSE_Key bytes, kept so the popup can show/export public data without the private key. */
  publicKeyCose: Uint8Array;
  /** Absent only for credentials made before Tapkey had hmac-secret. */
  prfSecrets?: PrfSecrets;
  /** Whether the credential has a large-blob store (WebAuthn L3 §10.1.5, CTAP 2.1 §12.3). */
  largeBlob?: boolean;
}

/** What a signing use also reads or writes, in the same transaction as the counter. */
export interface SigningExtras {
  /** Return the hmac-secret keys (when the credential has them). */
  prfSecrets?: boolean;
  largeBlob?: LargeBlobOperation;
}

/** The large-blob outcome: the stored blob (absent when none), or whether a write was kept. */
export type LargeBlobOutcome = { blob?: Uint8Array } | { written: boolean };

/** The key material for one signature, with the counter value to put in authenticator data. */
export interface SigningKey {
  alg: SupportedAlg;
  privateKey: Uint8Array;
  signCount: number;
  userHandle: Uint8Array;
  discoverable: boolean;
  /** When asked for and the credential has them. */
  prfSecrets?: PrfSecrets;
  /** When an operation was asked for. */
  largeBlob?: LargeBlobOutcome;
}

export interface CredentialStore {
  /** Credentials of `rpId` whose IDs are in `ids`; hidden ones only for `exclude`. */
  findByIds(rpId: string, ids: Uint8Array[], purpose: LookupPurpose): Promise<CredentialSummary[]>;
  /** Discoverable credentials of `rpId`, for an empty allowCredentials list; never hidden ones. */
  listDiscoverable(rpId: string): Promise<CredentialSummary[]>;
  /**
   * Stores a credential in one transaction. A new discoverable credential replaces any discoverable
   * one with the same RP ID and user handle (CTAP 2.1 §6.1.2 step 17).
   */
  add(credential: NewCredential): Promise<void>;
  /**
   * In ONE transaction: reads the credential, increments its signature counter by one, sets
   * lastUsedAt, stores a large blob written with it (for a credential that has a blob store; an empty
   * blob erases it), writes it back, and returns the key with the new counter and what `extras` asked.
   */
  useForSigning(
    rpId: string,
    credentialId: Uint8Array,
    now: number,
    extras?: SigningExtras,
  ): Promise<SigningKey>;
  /**
   * Optional: the key for a signature made while the user still decides, with the next counter value
   * held for it and no use recorded; undefined when that would need a write first (a new counter
   * block, a large blob to write). A held value is spent whether or not it is used: a counter may
   * skip values, never repeat one.
   */
  holdForSigning?(
    rpId: string,
    credentialId: Uint8Array,
    extras?: SigningExtras,
  ): Promise<SigningKey | undefined>;
  /**
   * Records the use of a value `holdForSigning` gave, if it is still the credential's latest: true
   * then (the use is written as `useForSigning` writes it), false when another signature took a later
   * value meanwhile, so the held one must not be sent.
   */
  useHeld?(rpId: string, credentialId: Uint8Array, signCount: number, now: number): boolean;
  /**
   * Optional: stores a new credential before the user approves it, durably and unseen by every lookup,
   * so that the approval needs no disk write before the page hears back. False when it cannot (a
   * locked vault): the credential is then added after the approval.
   */
  stage?(credential: NewCredential): Promise<boolean>;
  /**
   * Makes a staged credential a credential, as `add` would, in a transaction opened before this
   * settles (every lookup after it sees the credential). False when it cannot be kept (the vault key
   * changed since it was staged): it is forgotten, and the caller adds it instead.
   */
  commitStaged?(credentialId: Uint8Array): Promise<boolean>;
  /** Forgets a staged credential the user refused. */
  discardStaged?(credentialId: Uint8Array): void;
}

/**
 * What a ceremony does besides signing, for the prompt to say (never any value): evaluate the PRF
 * (hmac-secret), give the credential a large-blob store, read or write its large blob.
 */
export type GateExtension = 'prf' | 'largeBlob-store' | 'largeBlob-read' | 'largeBlob-write';

/**
 * What the gate reports happened, for the authenticator to judge: it signs only with `userPresent`
 * true, and only with `userVerified` true when user verification is required, whatever the UI did.
 */
export interface MakeCredentialApproval {
  /** The user's tap (CTAP's UP): the approval itself, or the choice in the autofill list. */
  userPresent: boolean;
  /** The PIN was entered and verified for this request (CTAP's UV). */
  userVerified: boolean;
}

export interface GetAssertionApproval extends MakeCredentialApproval {
  /** The credential the user chose; the authenticator checks it is one of the candidates. */
  credentialId: Uint8Array;
}

/**
 * The user's "tap". Implementations throw AuthenticatorError OPERATION_DENIED on cancel,
 * USER_CHOSE_PLATFORM when the user hands the request to the browser, PIN_BLOCKED when UV is locked.
 */
export interface UserGate {
  /**
   * Optional: whether an approval will carry user verification (a PIN asked for), so a signature made
   * ahead carries the flag the approval will. Without it nothing is signed ahead.
   */
  willVerify?(uv: UvRequirement): Promise<boolean>;
  approveMakeCredential(request: {
    rp: { id: string; name: string };
    user: { name: string; displayName: string };
    uv: UvRequirement;
    /** True when a credential in excludeList is here: the prompt only informs, then we refuse. */
    excluded: boolean;
    extensions?: GateExtension[];
  }): Promise<MakeCredentialApproval>;
  approveGetAssertion(request: {
    rpId: string;
    /** Empty: the prompt says no passkey was found, and can only be dismissed or handed back. */
    candidates: CredentialSummary[];
    uv: UvRequirement;
    extensions?: GateExtension[];
  }): Promise<GetAssertionApproval>;
}

export interface Random {
  bytes(length: number): Uint8Array;
}

export interface Clock {
  now(): number;
}

export interface AuthenticatorPorts {
  store: CredentialStore;
  gate: UserGate;
  random: Random;
  clock: Clock;
  /** What kind of authenticator this is; absent: DEFAULT_PROFILE (profile.ts). */
  profile?: AuthenticatorProfile;
  /** A new RS256 private key as PKCS#8 DER, for profiles that offer RS256 (WebCrypto in the worker). */
  rsaKey?: () => Promise<Uint8Array>;
}

/**
 * The authenticator as the client sees it (python-fido2's `Ctap2` device; Bitwarden's authenticator
 * service): the client reaches keys only through this port, and tests can pass a fake.
 */
export interface Authenticator {
  makeCredential(params: MakeCredentialParams): Promise<MakeCredentialResult>;
  getAssertion(params: GetAssertionParams): Promise<GetAssertionResult>;
}
