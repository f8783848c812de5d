/**
 * The argument of navigator.credentials.create() and .get() converted as Chromium's bindings convert
 * it: the IDL of Credential Management (https://w3c.github.io/webappsec-credential-management/)
 * and WebAuthn Level 3 (https://www.w3.org/TR/webauthn-3/#sctn-api), with the members Chromium 156
 * actually reads (checked by reading which getters it calls, and in
 * third_party/blink/renderer/modules/credentialmanagement/*.idl). Where Chromium and the
 * specification differ, this follows Chromium:
 *   - enum-valued members (attestation, residentKey, userVerification, transports, hints…) are
 *     DOMStrings, so an unknown value is kept and later ignored (as L3 specifies too);
 *   - `mediation` is a real enum ("silent", "optional", "required", "conditional"): anything else,
 *     `null` included, is a TypeError;
 *   - extension inputs are those Chromium implements; `attestationFormats` is not read (disabled);
 *   - members of other credential types (password, federated, identity, otp, digital, uiMode) are
 *     read once and kept as the page gave them: the browser converts them when it gets the call.
 */
import { type DictionaryType, dictionary } from './dictionary.ts';
import {
  type Context,
  converting,
  toAbortSignal,
  toBoolean,
  toBufferSource,
  toDOMString,
  toEnum,
  toLong,
  toRecord,
  toSequence,
  toUnsignedLong,
  toUSVString,
} from './primitives.ts';

export const MEDIATION = ['silent', 'optional', 'required', 'conditional'] as const;
export type CredentialMediationRequirement = (typeof MEDIATION)[number];

/** https://www.w3.org/TR/webauthn-3/#dictdef-publickeycredentialrpentity */
export interface RpEntity {
  name: string;
  id?: string;
}
/** https://www.w3.org/TR/webauthn-3/#dictdef-publickeycredentialuserentity */
export interface UserEntity {
  name: string;
  id: Uint8Array;
  displayName: string;
}
/** https://www.w3.org/TR/webauthn-3/#dictdef-publickeycredentialparameters */
export interface CredentialParameters {
  type: string;
  /** COSEAlgorithmIdentifier, a `long`. */
  alg: number;
}
/** https://www.w3.org/TR/webauthn-3/#dictdef-publickeycredentialdescriptor */
export interface CredentialDescriptor {
  type: string;
  id: Uint8Array;
  transports?: string[];
}
/** https://www.w3.org/TR/webauthn-3/#dictdef-authenticatorselectioncriteria */
export interface SelectionCriteria {
  authenticatorAttachment?: string;
  requireResidentKey: boolean;
  residentKey?: string;
  userVerification?: string;
}
/** https://www.w3.org/TR/webauthn-3/#dictdef-authenticationextensionsprfvalues */
export interface PrfValues {
  first: Uint8Array;
  second?: Uint8Array;
}
/** https://www.w3.org/TR/webauthn-3/#dictdef-authenticationextensionsprfinputs */
export interface PrfInputs {
  eval?: PrfValues;
  evalByCredential?: Map<string, PrfValues>;
}
/** https://www.w3.org/TR/webauthn-3/#dictdef-authenticationextensionslargeblobinputs */
export interface LargeBlobInputs {
  read?: boolean;
  support?: string;
  write?: Uint8Array;
}
/** https://www.w3.org/TR/webauthn-3/#dictdef-authenticationextensionsclientinputs, as Chromium has it. */
export interface ExtensionInputs {
  appid?: string;
  appidExclude?: string;
  credBlob?: Uint8Array;
  credProps: boolean;
  credentialProtectionPolicy?: string;
  enforceCredentialProtectionPolicy: boolean;
  getCredBlob?: boolean;
  hmacCreateSecret?: boolean;
  largeBlob?: LargeBlobInputs;
  minPinLength?: boolean;
  prf?: PrfInputs;
  uvm?: boolean;
}
/** https://www.w3.org/TR/webauthn-3/#dictdef-publickeycredentialcreationoptions */
export interface CreationOptions {
  attestation?: string;
  authenticatorSelection?: SelectionCriteria;
  challenge: Uint8Array;
  excludeCredentials: CredentialDescriptor[];
  extensions?: ExtensionInputs;
  hints: string[];
  pubKeyCredParams: CredentialParameters[];
  rp: RpEntity;
  timeout?: number;
  user: UserEntity;
}
/** https://www.w3.org/TR/webauthn-3/#dictdef-publickeycredentialrequestoptions */
export interface RequestOptions {
  allowCredentials: CredentialDescriptor[];
  challenge: Uint8Array;
  extensions?: ExtensionInputs;
  hints: string[];
  rpId?: string;
  timeout?: number;
  userVerification?: string;
}
/** https://w3c.github.io/webappsec-credential-management/#dictdef-credentialcreationoptions */
export interface CredentialCreationOptions {
  digital?: unknown;
  federated?: unknown;
  mediation: CredentialMediationRequirement;
  password?: unknown;
  publicKey?: CreationOptions;
  signal?: AbortSignal;
}
/** https://w3c.github.io/webappsec-credential-management/#dictdef-credentialrequestoptions */
export interface CredentialRequestOptions {
  digital?: unknown;
  federated?: unknown;
  identity?: unknown;
  mediation: CredentialMediationRequirement;
  otp?: unknown;
  password: boolean;
  publicKey?: RequestOptions;
  signal?: AbortSignal;
  uiMode?: unknown;
}

const domString = { convert: toDOMString };
const usvString = { convert: toUSVString };
const boolean = { convert: (v: unknown) => toBoolean(v) };
const bufferSource = { convert: toBufferSource };
/** Read once with [[Get]] and kept as it is: the browser converts it if the call goes there. */
const raw = { convert: (v: unknown) => v };
const sequenceOf = (convert: (value: unknown, context: Context) => unknown) => ({
  convert: (value: unknown, context: Context) => toSequence(value, convert, context),
});
const emptyList = () => [];

const PublicKeyCredentialEntity: DictionaryType = {
  name: 'PublicKeyCredentialEntity',
  members: { name: { ...domString, required: true } },
};

const PublicKeyCredentialRpEntity: DictionaryType = {
  name: 'PublicKeyCredentialRpEntity',
  inherits: PublicKeyCredentialEntity,
  members: { id: domString },
};

const PublicKeyCredentialUserEntity: DictionaryType = {
  name: 'PublicKeyCredentialUserEntity',
  inherits: PublicKeyCredentialEntity,
  members: { id: { ...bufferSource, required: true }, displayName: { ...domString, required: true } },
};

const PublicKeyCredentialParameters: DictionaryType = {
  name: 'PublicKeyCredentialParameters',
  members: {
    // Chromium: "A DOMString expressing a PublicKeyCredentialType" (an unknown type is skipped later).
    type: { ...domString, required: true },
    alg: { convert: toLong, required: true },
  },
};

const PublicKeyCredentialDescriptor: DictionaryType = {
  name: 'PublicKeyCredentialDescriptor',
  members: {
    type: { ...domString, required: true },
    id: { ...bufferSource, required: true },
    transports: sequenceOf(toDOMString),
  },
};

const AuthenticatorSelectionCriteria: DictionaryType = {
  name: 'AuthenticatorSelectionCriteria',
  members: {
    authenticatorAttachment: domString,
    requireResidentKey: { ...boolean, default: () => false },
    residentKey: domString,
    // The spec's default "preferred" is applied where it is used; Chromium's IDL has none.
    userVerification: domString,
  },
};

const AuthenticationExtensionsPRFValues: DictionaryType = {
  name: 'AuthenticationExtensionsPRFValues',
  members: { first: { ...bufferSource, required: true }, second: bufferSource },
};
const prfValues = dictionary<PrfValues>(AuthenticationExtensionsPRFValues);

const AuthenticationExtensionsPRFInputs: DictionaryType = {
  name: 'AuthenticationExtensionsPRFInputs',
  members: {
    eval: { convert: prfValues },
    evalByCredential: { convert: (value, context) => toRecord(value, prfValues, context) },
  },
};

const AuthenticationExtensionsLargeBlobInputs: DictionaryType = {
  name: 'AuthenticationExtensionsLargeBlobInputs',
  members: { read: boolean, support: domString, write: bufferSource },
};

const AuthenticationExtensionsClientInputs: DictionaryType = {
  name: 'AuthenticationExtensionsClientInputs',
  members: {
    appid: usvString,
    appidExclude: usvString,
    credBlob: bufferSource,
    credProps: { ...boolean, default: () => false },
    credentialProtectionPolicy: usvString,
    enforceCredentialProtectionPolicy: { ...boolean, default: () => false },
    getCredBlob: boolean,
    hmacCreateSecret: boolean,
    largeBlob: { convert: dictionary(AuthenticationExtensionsLargeBlobInputs) },
    minPinLength: boolean,
    prf: { convert: dictionary(AuthenticationExtensionsPRFInputs) },
    uvm: boolean,
  },
};
const extensions = { convert: dictionary(AuthenticationExtensionsClientInputs) };
const descriptors = sequenceOf(dictionary(PublicKeyCredentialDescriptor));

const PublicKeyCredentialCreationOptions: DictionaryType = {
  name: 'PublicKeyCredentialCreationOptions',
  members: {
    rp: { convert: dictionary(PublicKeyCredentialRpEntity), required: true },
    user: { convert: dictionary(PublicKeyCredentialUserEntity), required: true },
    challenge: { ...bufferSource, required: true },
    pubKeyCredParams: { ...sequenceOf(dictionary(PublicKeyCredentialParameters)), required: true },
    timeout: { convert: toUnsignedLong },
    excludeCredentials: { ...descriptors, default: emptyList },
    authenticatorSelection: { convert: dictionary(AuthenticatorSelectionCriteria) },
    hints: { ...sequenceOf(toDOMString), default: emptyList },
    attestation: domString,
    extensions,
  },
};

const PublicKeyCredentialRequestOptions: DictionaryType = {
  name: 'PublicKeyCredentialRequestOptions',
  members: {
    challenge: { ...bufferSource, required: true },
    timeout: { convert: toUnsignedLong },
    rpId: usvString,
    allowCredentials: { ...descriptors, default: emptyList },
    userVerification: domString,
    hints: { ...sequenceOf(toDOMString), default: emptyList },
    extensions,
  },
};

const mediation = {
  convert: (value: unknown, context: Context) =>
    toEnum(value, MEDIATION, context, 'CredentialMediationRequirement'),
  default: () => 'optional',
};
const signal = { convert: toAbortSignal };

const CredentialCreationOptionsType: DictionaryType = {
  name: 'CredentialCreationOptions',
  members: {
    digital: raw,
    federated: raw,
    mediation,
    password: raw,
    publicKey: { convert: dictionary(PublicKeyCredentialCreationOptions) },
    signal,
  },
};

const CredentialRequestOptionsType: DictionaryType = {
  name: 'CredentialRequestOptions',
  members: {
    digital: raw,
    federated: raw,
    identity: raw,
    mediation,
    otp: raw,
    password: { ...boolean, default: () => false },
    publicKey: { convert: dictionary(PublicKeyCredentialRequestOptions) },
    signal,
    uiMode: raw,
  },
};

const createContext = "Failed to execute 'create' on 'CredentialsContainer'";
const getContext = "Failed to execute 'get' on 'CredentialsContainer'";
const creation = dictionary<CredentialCreationOptions>(CredentialCreationOptionsType);
const request = dictionary<CredentialRequestOptions>(CredentialRequestOptionsType);

/** create(options): the optional argument defaults to {} (undefined and null alike). */
export function convertCredentialCreationOptions(options: unknown): CredentialCreationOptions {
  return converting(() => creation(options, createContext));
}

/** get(options): the optional argument defaults to {} (undefined and null alike). */
export function convertCredentialRequestOptions(options: unknown): CredentialRequestOptions {
  return converting(() => request(options, getContext));
}

/** For tests: the dictionaries as declared. */
export const DICTIONARIES = {
  CredentialCreationOptions: CredentialCreationOptionsType,
  CredentialRequestOptions: CredentialRequestOptionsType,
  PublicKeyCredentialCreationOptions,
  PublicKeyCredentialRequestOptions,
  PublicKeyCredentialRpEntity,
  PublicKeyCredentialUserEntity,
  PublicKeyCredentialParameters,
  PublicKeyCredentialDescriptor,
  AuthenticatorSelectionCriteria,
  AuthenticationExtensionsClientInputs,
  AuthenticationExtensionsLargeBlobInputs,
  AuthenticationExtensionsPRFInputs,
  AuthenticationExtensionsPRFValues,
} as const;
