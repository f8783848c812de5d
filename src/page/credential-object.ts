/**
 * Builds objects that are PublicKeyCredentials to every check a page makes: the real prototypes (so
 * `instanceof` holds), own read-only properties shadowing the native getters (which would throw on
 * an object without the browser's internal slots), ArrayBuffers, and the L3 methods.
 */
import { fromBase64url, toArrayBuffer } from '../shared/bytes.ts';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '../shared/webauthn-json.ts';
import { clientExtensionOutputs } from './extension-outputs.ts';

function define(target: object, values: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(values)) {
    Object.defineProperty(target, key, { value, enumerable: true, configurable: false, writable: false });
  }
}

function method(target: object, name: string, fn: (...args: never[]) => unknown): void {
  Object.defineProperty(target, name, { value: fn, enumerable: false, configurable: true, writable: true });
}

const buf = (b64: string): ArrayBuffer => toArrayBuffer(fromBase64url(b64));

function protoOf(name: string): object {
  const ctor = (globalThis as unknown as Record<string, { prototype: object } | undefined>)[name];
  return ctor?.prototype ?? Object.prototype;
}

export function registrationCredential(json: RegistrationResponseJSON): PublicKeyCredential {
  const response = Object.create(protoOf('AuthenticatorAttestationResponse')) as object;
  define(response, {
    clientDataJSON: buf(json.response.clientDataJSON),
    attestationObject: buf(json.response.attestationObject),
  });
  method(response, 'getTransports', () => [...json.response.transports]);
  method(response, 'getAuthenticatorData', () => buf(json.response.authenticatorData));
  method(response, 'getPublicKey', () => buf(json.response.publicKey));
  method(response, 'getPublicKeyAlgorithm', () => json.response.publicKeyAlgorithm);
  return credential(json, response);
}

export function assertionCredential(json: AuthenticationResponseJSON): PublicKeyCredential {
  const response = Object.create(protoOf('AuthenticatorAssertionResponse')) as object;
  define(response, {
    clientDataJSON: buf(json.response.clientDataJSON),
    authenticatorData: buf(json.response.authenticatorData),
    signature: buf(json.response.signature),
    userHandle: json.response.userHandle === undefined ? null : buf(json.response.userHandle),
  });
  return credential(json, response);
}

function credential(
  json: RegistrationResponseJSON | AuthenticationResponseJSON,
  response: object,
): PublicKeyCredential {
  const cred = Object.create(protoOf('PublicKeyCredential')) as PublicKeyCredential;
  define(cred, {
    id: json.id,
    rawId: buf(json.rawId),
    type: json.type,
    authenticatorAttachment: json.authenticatorAttachment,
    response,
  });
  method(cred, 'getClientExtensionResults', () => clientExtensionOutputs(json.clientExtensionResults));
  // WebAuthn L3 §5.1 toJSON(): the same JSON the worker sent, copied so callers can't alter ours.
  method(cred, 'toJSON', () => structuredClone(json));
  return cred;
}
