/**
 * The authenticator's API, shaped after CTAP 2.1 authenticatorMakeCredential (§6.1) and
 * authenticatorGetAssertion (§6.2). It knows keys, authenticator data and signatures; it never sees
 * an origin except as opaque text to show the user in the prompt.
 */

export type UvRequirement = 'required' | 'preferred' | 'discouraged';

/** COSE algorithm identifiers this authenticator supports (IANA COSE Algorithms registry). */
export const COSE_ALG = { ES256: -7, EdDSA: -8, RS256: -257 } as const;

/** What the prompt shows; it plays no part in any check. */
export interface PromptContext {
  origin: string;
  /** The top-level site, when the request comes from a cross-origin frame. */
  topOrigin?: string;
  /** Client-side request id, so that a restarted worker finds the same prompt again. */
  requestId: string;
}

export interface MakeCredentialParams {
  clientDataHash: Uint8Array;
  rp: { id: string; name: string };
  user: { id: Uint8Array; name: string; displayName: string };
  /** COSE algorithm ids in the RP's order of preference. */
  pubKeyCredParams: number[];
  excludeList: Uint8Array[];
  /** CTAP `rk` option. */
  rk: boolean;
  uv: UvRequirement;
  /** `packed` self attestation or `none`. */
  attestation: 'none' | 'packed';
  prompt: PromptContext;
}

export interface MakeCredentialResult {
  credentialId: Uint8Array;
  attestationObject: Uint8Array;
  authenticatorData: Uint8Array;
  /** SubjectPublicKeyInfo DER, for AuthenticatorAttestationResponse.getPublicKey(). */
  publicKeySpki: Uint8Array;
  publicKeyAlgorithm: number;
  /** Whether the credential is discoverable (for the credProps extension). */
  residentKey: boolean;
}

export interface GetAssertionParams {
  rpId: string;
  clientDataHash: Uint8Array;
  allowList: Uint8Array[];
  uv: UvRequirement;
  prompt: PromptContext;
}

export interface GetAssertionResult {
  credentialId: Uint8Array;
  authenticatorData: Uint8Array;
  signature: Uint8Array;
  /** Present for discoverable credentials (CTAP 2.1 §6.2.2 step 12: user.id). */
  userHandle?: Uint8Array;
}
