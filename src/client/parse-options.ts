/**
 * Turns the JSON options a page posts into checked, typed options: WebIDL conversion of
 * PublicKeyCredentialCreationOptionsJSON / PublicKeyCredentialRequestOptionsJSON (WebAuthn L3 §5.1.9,
 * §5.1.10: parseCreationOptionsFromJSON / parseRequestOptionsFromJSON), then the client steps of
 * §5.1.3 (create) and §5.1.4.1 (get) that need no authenticator.
 *
 * Everything in `input` is untrusted and may be missing, mistyped or huge. The page script has already
 * converted the page's argument as Chrome's bindings do and taken the steps Chrome takes in the page
 * (src/client/webidl), so a request from an honest page arrives as WebIDL values: strings, booleans,
 * integers, base64url. Here type checks are strict (anything else is a forged message and gets a
 * TypeError); then come the steps Chrome's browser process takes, in its order: the caller's origin,
 * the RP ID, the appid/appidExclude extensions, credProtect consistency, largeBlob at get.
 */
import { fromBase64url, toBase64url, utf8 } from '../shared/bytes.ts';
import { appIdAllowed } from './app-id.ts';
import { WebAuthnError } from './errors.ts';
import { effectiveDomain, validateRpId } from './rp-id.ts';
import type {
  CallerContext,
  CreationOptions,
  CredentialDescriptor,
  LargeBlobRequest,
  PrfInput,
  PrfRequest,
  RequestOptions,
} from './types.ts';
import { MAX_LARGE_BLOB_BYTES, MAX_PRF_INPUT_BYTES } from './webidl/page-steps.ts';

/** Client limits, chosen so a page cannot make us do (or store) unbounded work. */
export const LIMITS = {
  /** Spec: SHOULD be ≥ 16 bytes, but clients do not enforce a minimum; 64 KiB is far above any RP. */
  challengeMaxBytes: 65_536,
  /** WebAuthn L3 §5.1.3 step 5. */
  userIdMaxBytes: 64,
  /**
   * rp.name, user.name, user.displayName in UTF-8 bytes: longer names are truncated, as WebAuthn L3
   * §6.4.1 lets clients and authenticators do (Chrome takes any length, so refusing would differ).
   */
  nameMaxBytes: 1024,
  /** CTAP 2.1 bounds credential IDs at 1023 bytes. */
  credentialIdMaxBytes: 1023,
  /** excludeCredentials / allowCredentials entries, counted before unknown types are dropped. */
  descriptorsMax: 1000,
  pubKeyCredParamsMax: 100,
  transportsMax: 32,
} as const;

/** WebAuthn L3 §5.1.3 step 12: what the client uses when the RP lists no parameters. */
const DEFAULT_PUB_KEY_CRED_PARAMS = [
  { type: 'public-key', alg: -7 }, // ES256
  { type: 'public-key', alg: -257 }, // RS256
] as const;

const USER_VERIFICATION = ['required', 'preferred', 'discouraged'] as const;
const RESIDENT_KEY = ['required', 'preferred', 'discouraged'] as const;
const ATTESTATION = ['none', 'indirect', 'direct', 'enterprise'] as const;
const ATTACHMENT = ['platform', 'cross-platform'] as const;
/** WebAuthn L3 §5.8.4 AuthenticatorTransport; clients MUST ignore unknown values. */
const TRANSPORTS = ['usb', 'nfc', 'ble', 'smart-card', 'hybrid', 'internal'] as const;

type Dict = Readonly<Record<string, unknown>>;

/** WebAuthn L3 §5.1.3 [[Create]] up to the point where authenticators are involved. */
export function parseCreationOptions(input: unknown, caller: CallerContext): CreationOptions {
  // WebIDL conversion of PublicKeyCredentialCreationOptionsJSON (WebAuthn L3 §5.1.9).
  const options = dictionary(input, 'publicKey');
  const rp = dictionary(options.rp, 'rp');
  const rpName = name(rp.name, 'rp.name');
  const rpId = optionalString(rp.id, 'rp.id');
  const user = dictionary(options.user, 'user');
  const userId = base64urlBytes(user.id, 'user.id', LIMITS.userIdMaxBytes);
  const userName = name(user.name, 'user.name');
  const displayName = name(user.displayName, 'user.displayName');
  const challenge = base64urlBytes(options.challenge, 'challenge', LIMITS.challengeMaxBytes);
  const params = pubKeyCredParams(options.pubKeyCredParams);
  const excludeCredentials = descriptors(options.excludeCredentials, 'excludeCredentials');
  const selection = optionalDictionary(options.authenticatorSelection, 'authenticatorSelection');
  // L3 makes these members DOMStrings whose unknown values clients MUST ignore (§5.4.4–§5.4.7,
  // §5.8.6): an unknown value is as if the member were absent.
  const attachment = knownValue(selection.authenticatorAttachment, ATTACHMENT);
  const residentKey = knownValue(selection.residentKey, RESIDENT_KEY);
  const requireResidentKey = optionalBoolean(selection.requireResidentKey, 'requireResidentKey') ?? false;
  const userVerification = knownValue(selection.userVerification, USER_VERIFICATION) ?? 'preferred';
  const attestation = knownValue(options.attestation, ATTESTATION) ?? 'none';
  const extensions = optionalDictionary(options.extensions, 'extensions');
  // Extensions we do not support are ignored (§5.1.3 step 16.1); credProps is a client extension.
  const credProps = optionalBoolean(extensions.credProps, 'extensions.credProps') ?? false;
  const appidExclude = optionalString(extensions.appidExclude, 'extensions.appidExclude');
  const protectionPolicy = optionalString(
    extensions.credentialProtectionPolicy,
    'extensions.credentialProtectionPolicy',
  );
  const enforcePolicy =
    optionalBoolean(
      extensions.enforceCredentialProtectionPolicy,
      'extensions.enforceCredentialProtectionPolicy',
    ) ?? false;
  const prf = present(extensions.prf) ? dictionary(extensions.prf, 'extensions.prf') : undefined;
  const prfEval = prf && present(prf.eval) ? prfValues(prf.eval, 'extensions.prf.eval') : undefined;
  const largeBlob = present(extensions.largeBlob)
    ? dictionary(extensions.largeBlob, 'extensions.largeBlob')
    : undefined;
  const largeBlobSupport = largeBlob && optionalString(largeBlob.support, 'extensions.largeBlob.support');
  // hints (§5.8.7) only steer UI: the prompt shows them (ceremony/gate.ts reads them), and the page
  // script sends a client-device-only request to the browser. attestationFormats steers attestation
  // choice; we have one format.
  // (WebAuthn L3 §5.1.3 step 5, user.id of at most 64 bytes, was checked on decode; an empty user.id
  // passes, as in Chrome.)

  // WebAuthn L3 §5.1.3 steps 6–7: opaque origin → NotAllowedError, no valid domain → SecurityError.
  const domain = effectiveDomain(caller.origin);
  // WebAuthn L3 §5.1.3 step 8: rp.id must be the effective domain or a registrable suffix of it.
  const id = rpId === undefined ? domain : validateRpId(rpId, caller.origin);
  // WebAuthn L3 §10.1.2 appidExclude: the caller must be allowed to claim the AppID.
  if (appidExclude !== undefined && !appIdAllowed(appidExclude, caller.origin)) {
    throw new WebAuthnError(
      'SecurityError',
      'The appidExclude extension names an AppID this origin may not claim.',
    );
  }
  const effectiveResidentKey = residentKey ?? (requireResidentKey ? 'required' : 'discouraged');
  checkProtectionPolicy(protectionPolicy, enforcePolicy, effectiveResidentKey, userVerification);
  // WebAuthn L3 §10.1.4 prf (registration): evalByCredential belongs to get().
  if (prf && present(prf.evalByCredential)) {
    throw new WebAuthnError(
      'NotSupportedError',
      "The 'evalByCredential' field cannot be set when creating a credential.",
    );
  }
  // WebAuthn L3 §10.1.5 largeBlob (registration): read and write belong to get().
  if (largeBlob && (largeBlob.read !== undefined || largeBlob.write !== undefined)) {
    throw new WebAuthnError(
      'NotSupportedError',
      "The 'largeBlob' extension's 'read' and 'write' parameters are only valid when requesting an assertion.",
    );
  }

  const result: CreationOptions = {
    rp: { id, name: rpName },
    user: { id: userId, name: userName, displayName },
    challenge,
    pubKeyCredParams: credTypesAndPubKeyAlgs(params),
    excludeCredentials,
    // WebAuthn L3 §5.4.4 residentKey: "If no value is given then the effective value is required if
    // requireResidentKey is true or discouraged if it is false or absent."
    residentKey: effectiveResidentKey,
    userVerification,
    attestation,
    extensions: { credProps },
  };
  if (prf) result.extensions.prf = prfEval ? { eval: prfEval } : {};
  // §10.1.5: support is a DOMString; any value but "required" (or none) asks as "preferred" does, which
  // is what Chrome answers for `largeBlob: {}` (test/fixtures/extensions/chrome-extensions.json).
  if (largeBlob) {
    result.extensions.largeBlob = { support: largeBlobSupport === 'required' ? 'required' : 'preferred' };
  }
  if (attachment !== undefined) result.authenticatorAttachment = attachment;
  return result;
}

/** WebAuthn L3 §5.1.4.1 [[DiscoverFromExternalSource]] up to the point where authenticators are involved. */
export function parseRequestOptions(input: unknown, caller: CallerContext): RequestOptions {
  // WebIDL conversion of PublicKeyCredentialRequestOptionsJSON (WebAuthn L3 §5.1.10).
  const options = dictionary(input, 'publicKey');
  const challenge = base64urlBytes(options.challenge, 'challenge', LIMITS.challengeMaxBytes);
  const rpId = optionalString(options.rpId, 'rpId');
  const allowCredentials = descriptors(options.allowCredentials, 'allowCredentials');
  const userVerification = knownValue(options.userVerification, USER_VERIFICATION) ?? 'preferred';
  // No get() extension is supported; they are ignored once the checks below pass.
  const extensions = optionalDictionary(options.extensions, 'extensions');
  const appid = optionalString(extensions.appid, 'extensions.appid');
  const largeBlob = optionalDictionary(extensions.largeBlob, 'extensions.largeBlob');
  const largeBlobRead = optionalBoolean(largeBlob.read, 'extensions.largeBlob.read');
  const largeBlobWrite =
    largeBlob.write === undefined
      ? undefined
      : base64urlBytes(largeBlob.write, 'extensions.largeBlob.write', LIMITS.challengeMaxBytes);
  const prf = present(extensions.prf) ? dictionary(extensions.prf, 'extensions.prf') : undefined;

  // WebAuthn L3 §5.1.4.1 steps 5–6: opaque origin → NotAllowedError, no valid domain → SecurityError.
  const domain = effectiveDomain(caller.origin);
  // WebAuthn L3 §5.1.4.1 step 7: rpId must be the effective domain or a registrable suffix of it.
  const id = rpId === undefined ? domain : validateRpId(rpId, caller.origin);
  // WebAuthn L3 §10.1.1 appid: the caller must be allowed to claim the AppID.
  if (appid !== undefined && !appIdAllowed(appid, caller.origin)) {
    throw new WebAuthnError('SecurityError', 'The appid extension names an AppID this origin may not claim.');
  }
  // WebAuthn L3 §10.1.5 largeBlob (get): read or write, not both; a write names exactly one credential.
  if (largeBlobRead && largeBlobWrite !== undefined) {
    throw new WebAuthnError(
      'NotSupportedError',
      "Only one of the 'largeBlob' extension's 'read' and 'write' parameters is allowed at a time",
    );
  }
  if (largeBlobWrite !== undefined && allowCredentials.length !== 1) {
    throw new WebAuthnError(
      'NotSupportedError',
      `The 'largeBlob' extension's 'write' parameter needs exactly one credential in allowCredentials (got ${allowCredentials.length})`,
    );
  }
  if (largeBlobWrite !== undefined && largeBlobWrite.length > MAX_LARGE_BLOB_BYTES) {
    throw new WebAuthnError(
      'NotSupportedError',
      `The 'largeBlob' extension's 'write' parameter is ${largeBlobWrite.length} bytes, at most ${MAX_LARGE_BLOB_BYTES} are allowed`,
    );
  }
  const result: RequestOptions = { rpId: id, challenge, allowCredentials, userVerification, extensions: {} };
  if (prf) result.extensions.prf = prfRequest(prf, allowCredentials);
  // §10.1.5: read: false asks for nothing (Chrome then gives no largeBlob output at all).
  const blob: LargeBlobRequest | undefined = largeBlobRead
    ? { read: true }
    : largeBlobWrite !== undefined
      ? { write: largeBlobWrite }
      : undefined;
  if (blob) result.extensions.largeBlob = blob;
  return result;
}

/** A member given a value: WebIDL treats undefined (and, for dictionaries, null) as absent. */
function present(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** AuthenticationExtensionsPRFValuesJSON: base64url `first`, optional `second`, each bounded as Chrome bounds them. */
function prfValues(value: unknown, field: string): PrfInput {
  const values = dictionary(value, field);
  const first = base64urlBytes(values.first, `${field}.first`, MAX_PRF_INPUT_BYTES);
  if (values.second === undefined) return { first };
  return { first, second: base64urlBytes(values.second, `${field}.second`, MAX_PRF_INPUT_BYTES) };
}

/**
 * WebAuthn L3 §10.1.4 prf (authentication) steps 1–2: evalByCredential needs allowCredentials, and
 * each key must be the base64url ID of one of them (SyntaxError otherwise). Keys are re-encoded so a
 * lookup by the used credential's ID finds them however the page spelled them.
 */
function prfRequest(prf: Dict, allowCredentials: CredentialDescriptor[]): PrfRequest {
  const request: PrfRequest = { evalByCredential: new Map() };
  if (present(prf.eval)) request.eval = prfValues(prf.eval, 'extensions.prf.eval');
  if (!present(prf.evalByCredential)) return request;
  const byCredential = dictionary(prf.evalByCredential, 'extensions.prf.evalByCredential');
  const entries = Object.entries(byCredential);
  if (entries.length > 0 && allowCredentials.length === 0) {
    throw new WebAuthnError(
      'NotSupportedError',
      "'prf' extension has 'evalByCredential' with an empty allow list",
    );
  }
  if (entries.length > LIMITS.descriptorsMax) {
    throw new WebAuthnError(
      'TypeError',
      `extensions.prf.evalByCredential has more than ${LIMITS.descriptorsMax} entries`,
    );
  }
  for (const [key, values] of entries) {
    let id: Uint8Array;
    try {
      id = fromBase64url(key, 'evalByCredential key');
    } catch {
      throw new WebAuthnError(
        'SyntaxError',
        "'prf' extension contains invalid base64url data in 'evalByCredential'",
      );
    }
    const canonical = toBase64url(id);
    if (id.length === 0 || !allowCredentials.some((c) => toBase64url(c.id) === canonical)) {
      throw new WebAuthnError(
        'SyntaxError',
        "'prf' extension contains 'evalByCredential' key that doesn't match any in allowedCredentials",
      );
    }
    request.evalByCredential.set(
      canonical,
      prfValues(values, `extensions.prf.evalByCredential.${canonical}`),
    );
  }
  return request;
}

/**
 * CTAP 2.1 §12.1 credProtect, as WebAuthn's credentialProtectionPolicy input: Chrome refuses
 * combinations that make no sense (AuthenticatorCommonImpl::MakeCredential) with NotSupportedError:
 * enforcing no policy, "userVerificationOptional" for a credential that will not be discoverable,
 * "userVerificationRequired" without requiring user verification. Unknown policies never arrive:
 * the page refuses them (src/client/webidl/page-steps.ts).
 */
function checkProtectionPolicy(
  policy: string | undefined,
  enforce: boolean,
  residentKey: CreationOptions['residentKey'],
  userVerification: CreationOptions['userVerification'],
): void {
  const inconsistent =
    (enforce && (policy === undefined || policy === 'userVerificationOptional')) ||
    (residentKey === 'discouraged' && policy === 'userVerificationOptional') ||
    (policy === 'userVerificationRequired' && userVerification !== 'required');
  if (inconsistent) {
    throw new WebAuthnError(
      'NotSupportedError',
      'Requested protection policy is inconsistent or incongruent with other requested parameters.',
    );
  }
}

/** WebAuthn L3 §5.1.3 step 12: keep public-key entries in order; default when none were given. */
function credTypesAndPubKeyAlgs(
  params: { type: string; alg: number }[],
): CreationOptions['pubKeyCredParams'] {
  if (params.length === 0) return DEFAULT_PUB_KEY_CRED_PARAMS.map((p) => ({ ...p }));
  const result: CreationOptions['pubKeyCredParams'] = [];
  for (const { type, alg } of params) {
    // "If current.type does not contain a PublicKeyCredentialType supported by this implementation,
    // then continue." Duplicate and unknown algorithms stay: the authenticator picks.
    if (type === 'public-key') result.push({ type, alg });
  }
  if (result.length === 0) {
    throw new WebAuthnError(
      'NotSupportedError',
      `pubKeyCredParams has ${params.length} entries but none of type "public-key"`,
    );
  }
  return result;
}

function pubKeyCredParams(value: unknown): { type: string; alg: number }[] {
  // Required member (WebAuthn L3 §5.4 pubKeyCredParams): a sequence.
  const list = array(value, 'pubKeyCredParams', LIMITS.pubKeyCredParamsMax);
  return list.map((entry, i) => {
    const param = dictionary(entry, `pubKeyCredParams[${i}]`);
    const type = requiredString(param.type, `pubKeyCredParams[${i}].type`);
    // COSEAlgorithmIdentifier is a WebIDL `long`.
    const alg = param.alg;
    if (typeof alg !== 'number' || !Number.isInteger(alg) || alg < -(2 ** 31) || alg >= 2 ** 31) {
      throw new WebAuthnError(
        'TypeError',
        `pubKeyCredParams[${i}].alg is ${typeName(alg)}, expected an integer`,
      );
    }
    return { type, alg };
  });
}

/** PublicKeyCredentialDescriptorJSON list; entries of unknown type are dropped (WebAuthn L3 §5.8.3). */
function descriptors(value: unknown, field: string): CredentialDescriptor[] {
  if (value === undefined) return [];
  const list = array(value, field, LIMITS.descriptorsMax);
  const result: CredentialDescriptor[] = [];
  list.forEach((entry, i) => {
    const descriptor = dictionary(entry, `${field}[${i}]`);
    const type = requiredString(descriptor.type, `${field}[${i}].type`);
    const id = base64urlBytes(descriptor.id, `${field}[${i}].id`, LIMITS.credentialIdMaxBytes);
    const transports = optionalTransports(descriptor.transports, `${field}[${i}].transports`);
    // WebAuthn L3 §5.8.3: the client ignores descriptors whose type it does not know.
    if (type !== 'public-key') return;
    result.push(transports === undefined ? { type, id } : { type, id, transports });
  });
  return result;
}

function optionalTransports(value: unknown, field: string): string[] | undefined {
  if (value === undefined) return undefined;
  const list = array(value, field, LIMITS.transportsMax);
  const known: string[] = [];
  list.forEach((entry, i) => {
    const transport = requiredString(entry, `${field}[${i}]`);
    // WebAuthn L3 §5.8.4: unknown transports are ignored; duplicates would tell nothing new.
    if ((TRANSPORTS as readonly string[]).includes(transport) && !known.includes(transport)) {
      known.push(transport);
    }
  });
  return known;
}

/**
 * A required DOMString shown to the user, cut to at most LIMITS.nameMaxBytes of UTF-8 on a character
 * boundary (WebAuthn L3 §6.4.1 string truncation) so a page cannot make us store megabytes.
 */
function name(value: unknown, field: string): string {
  const text = requiredString(value, field);
  // Each UTF-16 code unit takes at most 3 bytes, so short strings need no encoding at all.
  if (text.length * 3 <= LIMITS.nameMaxBytes) return text;
  return truncateUtf8(text, LIMITS.nameMaxBytes);
}

/** The longest prefix of `text` (whole code points) whose UTF-8 form fits in `maxBytes`. */
export function truncateUtf8(text: string, maxBytes: number): string {
  let bytes = 0;
  let end = 0;
  for (const char of text) {
    const size = utf8(char).length;
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += char.length;
  }
  return text.slice(0, end);
}

/** A base64url member decoded to bytes, rejecting anything longer than `maxBytes` before decoding. */
function base64urlBytes(value: unknown, field: string, maxBytes: number): Uint8Array {
  const text = requiredString(value, field);
  // 4 characters per 3 bytes, plus up to 2 padding characters.
  if (text.length > Math.ceil((maxBytes * 4) / 3) + 2) {
    throw new WebAuthnError('TypeError', `${field} is longer than ${maxBytes} bytes`);
  }
  let bytes: Uint8Array;
  try {
    bytes = fromBase64url(text, field);
  } catch {
    throw new WebAuthnError('TypeError', `${field} is not base64url`);
  }
  if (bytes.length > maxBytes) {
    throw new WebAuthnError(
      'TypeError',
      `${field} is ${bytes.length} bytes long, expected at most ${maxBytes}`,
    );
  }
  return bytes;
}

/** A required WebIDL dictionary (or the top-level options object). */
function dictionary(value: unknown, field: string): Dict {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new WebAuthnError('TypeError', `${field} is ${typeName(value)}, expected an object`);
  }
  return value as Dict;
}

/** An optional dictionary member: WebIDL converts undefined and null to an empty dictionary. */
function optionalDictionary(value: unknown, field: string): Dict {
  return value === undefined || value === null ? {} : dictionary(value, field);
}

function array(value: unknown, field: string, max: number): unknown[] {
  if (!Array.isArray(value))
    throw new WebAuthnError('TypeError', `${field} is ${typeName(value)}, expected an array`);
  if (value.length > max) {
    throw new WebAuthnError('TypeError', `${field} has ${value.length} entries, expected at most ${max}`);
  }
  return value;
}

function requiredString(value: unknown, field: string): string {
  if (typeof value !== 'string')
    throw new WebAuthnError('TypeError', `${field} is ${typeName(value)}, expected a string`);
  return value;
}

function optionalString(value: unknown, field: string): string | undefined {
  return value === undefined ? undefined : requiredString(value, field);
}

function optionalBoolean(value: unknown, field: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean')
    throw new WebAuthnError('TypeError', `${field} is ${typeName(value)}, expected a boolean`);
  return value;
}

/** A DOMString member whose unknown values the client ignores (absent, wrong type and unknown alike). */
function knownValue<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value)
    ? (value as T)
    : undefined;
}

/** The type of a value for messages; never the value itself, which may be large or private. */
function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'missing';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}
