/**
 * The authenticator's API, shaped after CTAP 2.1 authenticatorMakeCredential (§6.1) and
 * authenticatorGetAssertion (§6.2). It knows keys, authenticator data and signatures; it never sees
 * an origin (the client keeps those, and the prompt gets them from the gate that shows it).
 */

export type UvRequirement = 'required' | 'preferred' | 'discouraged';

/**
 * COSE algorithm identifiers this authenticator makes keys for (IANA COSE Algorithms registry).
 * RS256 only in the workbench's test profiles (profile.ts).
 */
export const COSE_ALG = { ES256: -7, EdDSA: -8, RS256: -257 } as const;

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
  /** `none`, or the authenticator's own attestation (packed self attestation unless a profile says otherwise). */
  attestation: 'none' | 'packed';
  /**
   * CTAP 2.1 §12.5 hmac-secret-mc (CTAP 2.2): salts (one or two, 32 bytes each) to evaluate at once
   * with the new credential's secret. The credential always gets its hmac-secret keys.
   */
  hmacSecretSalts?: Uint8Array[];
  /** CTAP 2.1 §12.3 largeBlobKey: the credential gets a large-blob store (resident ones only). */
  largeBlobKey?: boolean;
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
  /** CTAP 2.1 §12.5: hmac-secret keys were made for the credential (always, for Tapkey). */
  hmacSecret: boolean;
  /** hmac-secret outputs for `hmacSecretSalts`, in their order. */
  hmacSecretOutputs?: Uint8Array[];
  /** Whether the credential got a large-blob store (asked for, and resident). */
  largeBlob: boolean;
}

/** What to do with a credential's large blob during an assertion (WebAuthn L3 §10.1.5). */
export type LargeBlobOperation = { read: true } | { write: Uint8Array };

export interface GetAssertionParams {
  rpId: string;
  clientDataHash: Uint8Array;
  allowList: Uint8Array[];
  uv: UvRequirement;
  /**
   * CTAP 2.1 §12.5 hmac-secret: the salts (one or two, 32 bytes each) for the credential the user
   * chooses, or undefined for none. A function because WebAuthn's evalByCredential picks the salts
   * by credential, and only the authenticator learns which one is used.
   */
  hmacSecretSalts?: (credentialId: Uint8Array) => Uint8Array[] | undefined;
  largeBlob?: LargeBlobOperation;
}

export interface GetAssertionResult {
  credentialId: Uint8Array;
  authenticatorData: Uint8Array;
  signature: Uint8Array;
  /** Present for discoverable credentials (CTAP 2.1 §6.2.2 step 12: user.id). */
  userHandle?: Uint8Array;
  /**
   * hmac-secret outputs when salts were given for the chosen credential: absent when it has no
   * hmac-secret keys (made before Tapkey had them).
   */
  hmacSecretOutputs?: Uint8Array[];
  /** The large-blob result when an operation was asked for. */
  largeBlob?: { blob?: Uint8Array } | { written: boolean };
}
