/** Validated, typed WebAuthn options: what `parse-options.ts` makes of a page's untrusted input. */

/** Who is calling, as the browser (never the page) reports it. */
export interface CallerContext {
  /** The calling document's origin, serialized (`https://a.example.com`, `http://localhost:8080`). */
  origin: string;
  /** The top-level origin, when it differs from `origin` (cross-origin iframe). */
  topOrigin?: string;
  /** WebAuthn L3 §5.1.3 sameOriginWithAncestors. */
  sameOriginWithAncestors: boolean;
}

export type UserVerificationRequirement = 'required' | 'preferred' | 'discouraged';
export type ResidentKeyRequirement = 'required' | 'preferred' | 'discouraged';
export type AttestationConveyancePreference = 'none' | 'indirect' | 'direct' | 'enterprise';
export type AuthenticatorAttachment = 'platform' | 'cross-platform';

export interface CredentialDescriptor {
  type: 'public-key';
  id: Uint8Array;
  transports?: string[];
}

/** WebAuthn L3 §10.1.4 AuthenticationExtensionsPRFValues, decoded. */
export interface PrfInput {
  first: Uint8Array;
  second?: Uint8Array;
}

/** The prf extension's inputs at get(): evalByCredential keyed by canonical base64url credential ID. */
export interface PrfRequest {
  eval?: PrfInput;
  evalByCredential: Map<string, PrfInput>;
}

/** WebAuthn L3 §10.1.5 largeBlob at get(): read, or write these bytes (never both). */
export type LargeBlobRequest = { read: true } | { write: Uint8Array };

export interface CreationOptions {
  rp: { id: string; name: string };
  user: { id: Uint8Array; name: string; displayName: string };
  challenge: Uint8Array;
  /** Only `public-key` entries, in the RP's order; ES256 + RS256 when the RP gave none. */
  pubKeyCredParams: { type: 'public-key'; alg: number }[];
  excludeCredentials: CredentialDescriptor[];
  residentKey: ResidentKeyRequirement;
  userVerification: UserVerificationRequirement;
  attestation: AttestationConveyancePreference;
  extensions: {
    credProps: boolean;
    /** §10.1.4 prf at create: present when the RP asked; `eval` to evaluate at once. */
    prf?: { eval?: PrfInput };
    /** §10.1.5 largeBlob at create: `support` ("preferred" for any value but "required"). */
    largeBlob?: { support: 'required' | 'preferred' };
  };
  /** authenticatorSelection.authenticatorAttachment when the RP gave a known value; we are 'cross-platform'. */
  authenticatorAttachment?: AuthenticatorAttachment;
}

export interface RequestOptions {
  rpId: string;
  challenge: Uint8Array;
  allowCredentials: CredentialDescriptor[];
  userVerification: UserVerificationRequirement;
  extensions: { prf?: PrfRequest; largeBlob?: LargeBlobRequest };
}

/** What the relay reads in the isolated world about the calling document, where the page cannot forge it. */
export interface FrameFacts {
  /** `location.ancestorOrigins`, nearest parent first; empty in a top-level document. */
  ancestorOrigins: string[];
  /** `document.featurePolicy.allowsFeature('publickey-credentials-create' | '-get')`. */
  permissionsPolicyAllows: boolean;
  /** `navigator.userActivation.isActive`. */
  hasTransientActivation: boolean;
  /** `document.visibilityState === 'visible'`: a hidden document may not pop up a prompt. */
  documentVisible: boolean;
  /** `document.hasFocus()`: Chrome lets only a focused document (or a user gesture) ask. */
  documentFocused: boolean;
}
