/**
 * What the pure authenticator needs from the outside world, passed in as arguments so tests use
 * fakes and the extension plugs in IndexedDB, the popup and crypto.getRandomValues.
 */
import type { CredentialInfo } from './credential-info.ts';
import type { SupportedAlg } from './keys.ts';
import type {
  GetAssertionParams,
  GetAssertionResult,
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
}

/** The key material for one signature, with the counter value to put in authenticator data. */
export interface SigningKey {
  alg: SupportedAlg;
  privateKey: Uint8Array;
  signCount: number;
  userHandle: Uint8Array;
  discoverable: boolean;
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
   * lastUsedAt, writes it back, and returns the key with the new counter.
   */
  useForSigning(rpId: string, credentialId: Uint8Array, now: number): Promise<SigningKey>;
}

export interface MakeCredentialApproval {
  userVerified: boolean;
}

export interface GetAssertionApproval {
  /** The credential the user chose; the authenticator checks it is one of the candidates. */
  credentialId: Uint8Array;
  userVerified: boolean;
}

/**
 * The user's "tap". Implementations throw AuthenticatorError OPERATION_DENIED on cancel,
 * USER_CHOSE_PLATFORM when the user hands the request to the browser, PIN_BLOCKED when UV is locked.
 */
export interface UserGate {
  approveMakeCredential(request: {
    rp: { id: string; name: string };
    user: { name: string; displayName: string };
    uv: UvRequirement;
    /** True when a credential in excludeList is here: the prompt only informs, then we refuse. */
    excluded: boolean;
  }): Promise<MakeCredentialApproval>;
  approveGetAssertion(request: {
    rpId: string;
    /** Empty: the prompt says no passkey was found, and can only be dismissed or handed back. */
    candidates: CredentialSummary[];
    uv: UvRequirement;
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
}

/**
 * The authenticator as the client sees it (python-fido2's `Ctap2` device; Bitwarden's authenticator
 * service): the client reaches keys only through this port, and tests can pass a fake.
 */
export interface Authenticator {
  makeCredential(params: MakeCredentialParams): Promise<MakeCredentialResult>;
  getAssertion(params: GetAssertionParams): Promise<GetAssertionResult>;
}
