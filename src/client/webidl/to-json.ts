/**
 * Converted options in WebAuthn's JSON form (WebAuthn L3 §5.1.8 PublicKeyCredentialCreationOptionsJSON,
 * §5.1.9 PublicKeyCredentialRequestOptionsJSON, AuthenticationExtensionsClientInputsJSON): what the
 * page script posts to the worker. Bytes become base64url; every value is already a WebIDL value, so
 * the worker's checks (parse-options.ts) see strings, booleans and integers only. Nothing page-made
 * (getters, proxies, buffers) is posted.
 */
import { toBase64url } from '../../shared/bytes.ts';
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialDescriptorJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '../../shared/webauthn-json.ts';
import type {
  CreationOptions,
  CredentialDescriptor,
  ExtensionInputs,
  PrfValues,
  RequestOptions,
} from './credential-options.ts';

type Json = Record<string, unknown>;

/** Copies the members that are present, leaving absent ones absent (not `undefined`). */
function present<T extends object>(source: T, keys: readonly (keyof T & string)[]): Json {
  const out: Json = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}

function descriptor(d: CredentialDescriptor): PublicKeyCredentialDescriptorJSON {
  const out: PublicKeyCredentialDescriptorJSON = { type: d.type, id: toBase64url(d.id) };
  if (d.transports !== undefined) out.transports = d.transports;
  return out;
}

function prfValues(values: PrfValues): Json {
  const out: Json = { first: toBase64url(values.first) };
  if (values.second !== undefined) out.second = toBase64url(values.second);
  return out;
}

/** AuthenticationExtensionsClientInputsJSON: every input the page gave, bytes as base64url. */
export function extensionsToJSON(extensions: ExtensionInputs): Json {
  const out = present(extensions, [
    'appid',
    'appidExclude',
    'credProps',
    'credentialProtectionPolicy',
    'enforceCredentialProtectionPolicy',
    'getCredBlob',
    'hmacCreateSecret',
    'minPinLength',
    'uvm',
  ]);
  if (extensions.credBlob !== undefined) out.credBlob = toBase64url(extensions.credBlob);
  const { largeBlob, prf } = extensions;
  if (largeBlob !== undefined) {
    const blob = present(largeBlob, ['read', 'support']);
    if (largeBlob.write !== undefined) blob.write = toBase64url(largeBlob.write);
    out.largeBlob = blob;
  }
  if (prf !== undefined) {
    const inputs: Json = {};
    if (prf.eval !== undefined) inputs.eval = prfValues(prf.eval);
    if (prf.evalByCredential !== undefined) {
      inputs.evalByCredential = Object.fromEntries(
        [...prf.evalByCredential].map(([k, v]) => [k, prfValues(v)]),
      );
    }
    out.prf = inputs;
  }
  return out;
}

export function creationOptionsToJSON(options: CreationOptions): PublicKeyCredentialCreationOptionsJSON {
  const json: PublicKeyCredentialCreationOptionsJSON = {
    rp:
      options.rp.id === undefined ? { name: options.rp.name } : { id: options.rp.id, name: options.rp.name },
    user: {
      id: toBase64url(options.user.id),
      name: options.user.name,
      displayName: options.user.displayName,
    },
    challenge: toBase64url(options.challenge),
    pubKeyCredParams: options.pubKeyCredParams.map(({ type, alg }) => ({ type, alg })),
    excludeCredentials: options.excludeCredentials.map(descriptor),
    hints: [...options.hints],
  };
  if (options.timeout !== undefined) json.timeout = options.timeout;
  if (options.authenticatorSelection !== undefined) {
    json.authenticatorSelection = present(options.authenticatorSelection, [
      'authenticatorAttachment',
      'residentKey',
      'requireResidentKey',
      'userVerification',
    ]);
  }
  if (options.attestation !== undefined) json.attestation = options.attestation;
  if (options.extensions !== undefined) json.extensions = extensionsToJSON(options.extensions);
  return json;
}

export function requestOptionsToJSON(options: RequestOptions): PublicKeyCredentialRequestOptionsJSON {
  const json: PublicKeyCredentialRequestOptionsJSON = {
    challenge: toBase64url(options.challenge),
    allowCredentials: options.allowCredentials.map(descriptor),
    hints: [...options.hints],
  };
  if (options.timeout !== undefined) json.timeout = options.timeout;
  if (options.rpId !== undefined) json.rpId = options.rpId;
  if (options.userVerification !== undefined) json.userVerification = options.userVerification;
  if (options.extensions !== undefined) json.extensions = extensionsToJSON(options.extensions);
  return json;
}
