/**
 * WebAuthn Level 3 JSON shapes (https://www.w3.org/TR/webauthn-3/#sctn-parseCreationOptionsFromJSON).
 * Bytes are base64url strings. The `Untrusted*` types are what a page sends: every field may be
 * missing or of the wrong type until `src/client/parse-options.ts` has checked it, and none of them
 * carries an origin — the origin comes from the browser (`sender.origin`) only.
 */

export type Base64url = string;

/** https://www.w3.org/TR/webauthn-3/#dictdef-publickeycredentialcreationoptionsjson */
export interface PublicKeyCredentialCreationOptionsJSON {
  rp: { id?: string; name: string };
  user: { id: Base64url; name: string; displayName: string };
  challenge: Base64url;
  pubKeyCredParams: { type: string; alg: number }[];
  timeout?: number;
  excludeCredentials?: PublicKeyCredentialDescriptorJSON[];
  authenticatorSelection?: {
    authenticatorAttachment?: string;
    residentKey?: string;
    requireResidentKey?: boolean;
    userVerification?: string;
  };
  hints?: string[];
  attestation?: string;
  attestationFormats?: string[];
  extensions?: Record<string, unknown>;
}

/** https://www.w3.org/TR/webauthn-3/#dictdef-publickeycredentialrequestoptionsjson */
export interface PublicKeyCredentialRequestOptionsJSON {
  challenge: Base64url;
  timeout?: number;
  rpId?: string;
  allowCredentials?: PublicKeyCredentialDescriptorJSON[];
  userVerification?: string;
  hints?: string[];
  extensions?: Record<string, unknown>;
}

export interface PublicKeyCredentialDescriptorJSON {
  type: string;
  id: Base64url;
  transports?: string[];
}

/** What the page script posts; nothing in it is trusted. */
export type UntrustedCreationOptions = {
  readonly [K in keyof PublicKeyCredentialCreationOptionsJSON]?: unknown;
};
export type UntrustedRequestOptions = {
  readonly [K in keyof PublicKeyCredentialRequestOptionsJSON]?: unknown;
};

/** https://www.w3.org/TR/webauthn-3/#dictdef-registrationresponsejson */
export interface RegistrationResponseJSON {
  id: Base64url;
  rawId: Base64url;
  type: 'public-key';
  /** Tapkey is a roaming key; a workbench profile may say `platform`. */
  authenticatorAttachment: 'cross-platform' | 'platform';
  response: {
    clientDataJSON: Base64url;
    attestationObject: Base64url;
    authenticatorData: Base64url;
    transports: string[];
    publicKey: Base64url;
    publicKeyAlgorithm: number;
  };
  clientExtensionResults: ClientExtensionResults;
}

/**
 * https://www.w3.org/TR/webauthn-3/#dictdef-authenticationresponsejson: the same credential fields as
 * {@link RegistrationResponseJSON}, with an assertion response.
 */
export interface AuthenticationResponseJSON extends Omit<RegistrationResponseJSON, 'response'> {
  response: {
    clientDataJSON: Base64url;
    authenticatorData: Base64url;
    signature: Base64url;
    userHandle?: Base64url;
  };
}

/** https://www.w3.org/TR/webauthn-3/#dictdef-authenticationextensionsprfvalues, bytes as base64url. */
export interface PrfResultsJSON {
  first: Base64url;
  second?: Base64url;
}

/**
 * AuthenticationExtensionsClientOutputsJSON (WebAuthn L3 §5.1, §10): what toJSON() gives, and what
 * travels between contexts. The page turns prf results and largeBlob.blob into ArrayBuffers for
 * getClientExtensionResults() (src/page/credential-object.ts).
 */
export interface ClientExtensionResults {
  credProps?: { rk: boolean };
  /** §10.1.4: `enabled` at create only; `results` when an input was evaluated. */
  prf?: { enabled?: boolean; results?: PrfResultsJSON };
  /** §10.1.5: `supported` at create; `blob` (read) or `written` (write) at get. */
  largeBlob?: { supported?: boolean; blob?: Base64url; written?: boolean };
}

/** The DOMException names a relying party can observe (WebAuthn L3 §5.1.3 / §5.1.4). */
export type WebAuthnErrorName =
  | 'NotAllowedError'
  | 'SecurityError'
  | 'InvalidStateError'
  | 'NotSupportedError'
  | 'AbortError'
  | 'TypeError'
  | 'ConstraintError'
  | 'SyntaxError';
