/**
 * The authenticator's API, shaped after CTAP 2.1 authenticatorMakeCredential (§6.1) and
 * authenticatorGetAssertion (§6.2). It knows keys, authenticator data and signatures; it never sees
 * an origin (the client keeps those, and the prompt gets them from the gate that shows it).
 */

export type UvRequirement = 'required' | 'preferred' | 'discouraged';

/** COSE algorithm identifiers this authenticator makes keys for (IANA COSE Algorithms registry). */
export const COSE_ALG = { ES256: -7, EdDSA: -8 } as const;

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
}

export interface GetAssertionResult {
  credentialId: Uint8Array;
  authenticatorData: Uint8Array;
  signature: Uint8Array;
  /** Present for discoverable credentials (CTAP 2.1 §6.2.2 step 12: user.id). */
  userHandle?: Uint8Array;
}
