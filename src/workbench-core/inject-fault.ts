/**
 * Turns a correct response into a faulty one, as a buggy or cloned authenticator, or a client that
 * got the origin or challenge wrong, would answer. Only the fault asked for is wrong: a changed
 * authenticator data or clientDataJSON is signed again with the key the ceremony signed with, so a
 * relying party refuses the response for that fault and not for a broken signature (unless the
 * fault is the signature). Pure: the worker passes the signing function and the counter to freeze at.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { type CborValue, decodeCbor, encodeCbor } from '../authenticator/cbor.ts';
import { concat, fromBase64url, fromUtf8, toBase64url, uint32be, utf8 } from '../shared/bytes.ts';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '../shared/webauthn-json.ts';
import type { FaultSpec } from './fault-spec.ts';

export type FaultableCredential = RegistrationResponseJSON | AuthenticationResponseJSON;

export interface FaultContext {
  /**
   * Signs as the ceremony did: get() with the credential's key, create() with the packed self
   * attestation's (the new credential's). Absent: a changed part is left with its old signature.
   */
  sign?: (message: Uint8Array) => Uint8Array;
  /** Counter faults: the credential's counter at its last use before the fault was turned on. */
  counterBefore?: number;
}

export interface FaultResult<T extends FaultableCredential> {
  credential: T;
  /** False when the fault had nothing to change here (no signature in a `none` attestation). */
  applied: boolean;
}

/** WebAuthn L3 §6.1 flag bits. */
const UP = 0x01;
const UV = 0x04;
const AT = 0x40;
const ED = 0x80;
/** Where the flags byte and the counter sit in authenticator data (§6.1). */
const FLAGS_AT = 32;
const COUNTER_AT = 33;
const FIXED_LENGTH = 37;
/** Bytes cut off the end of an attestation object: its authData byte string ends early. */
const CUT = 8;
/**
 * Extension outputs that are not CBOR: a map of one entry whose text key announces three bytes and
 * holds one (RFC 8949 §3: truncated).
 */
const BROKEN_EXTENSIONS = Uint8Array.of(0xa1, 0x63, 0x78);

/** The same credential with `spec` applied; faults that are not about the response change nothing. */
export function injectFault<T extends FaultableCredential>(
  spec: FaultSpec,
  credential: T,
  context: FaultContext = {},
): FaultResult<T> {
  return 'attestationObject' in credential.response
    ? (faultRegistration(spec, credential as RegistrationResponseJSON, context) as FaultResult<T>)
    : (faultAssertion(spec, credential as AuthenticationResponseJSON, context) as FaultResult<T>);
}

function faultAssertion(
  spec: FaultSpec,
  credential: AuthenticationResponseJSON,
  context: FaultContext,
): FaultResult<AuthenticationResponseJSON> {
  const response = { ...credential.response };
  let clientDataJSON = fromBase64url(response.clientDataJSON);
  let authData = fromBase64url(response.authenticatorData);
  let signature = fromBase64url(response.signature);
  const changed = changedParts(spec, clientDataJSON, authData, context);
  if (changed) {
    ({ clientDataJSON, authData } = changed);
    // §6.3.3 step 11: the assertion signature covers authenticatorData ‖ hash(clientDataJSON).
    if (context.sign) signature = context.sign(concat(authData, sha256(clientDataJSON)));
  }
  if (spec.type === 'bad-signature') signature = flipLastBit(signature);
  const applied = changed !== undefined || spec.type === 'bad-signature';
  response.clientDataJSON = toBase64url(clientDataJSON);
  response.authenticatorData = toBase64url(authData);
  response.signature = toBase64url(signature);
  return { credential: { ...credential, response }, applied };
}

function faultRegistration(
  spec: FaultSpec,
  credential: RegistrationResponseJSON,
  context: FaultContext,
): FaultResult<RegistrationResponseJSON> {
  const response = { ...credential.response };
  const attestation = decodeCbor(fromBase64url(response.attestationObject)) as Map<string, CborValue>;
  let clientDataJSON = fromBase64url(response.clientDataJSON);
  let authData = attestation.get('authData') as Uint8Array;
  const statement = attestation.get('attStmt') as Map<string, CborValue>;
  // §8.2 packed self attestation: signed with the credential's own key, over the same bytes as an
  // assertion. Other formats keep their statement as it was.
  const selfSigned =
    attestation.get('fmt') === 'packed' &&
    statement.get('sig') instanceof Uint8Array &&
    !statement.has('x5c');
  let applied = false;
  const changed = changedParts(spec, clientDataJSON, authData, context);
  if (changed) {
    ({ clientDataJSON, authData } = changed);
    applied = true;
    if (selfSigned && context.sign)
      statement.set('sig', context.sign(concat(authData, sha256(clientDataJSON))));
  }
  const sig = statement.get('sig');
  if (spec.type === 'bad-signature' && sig instanceof Uint8Array) {
    statement.set('sig', flipLastBit(sig));
    applied = true;
  }
  attestation.set('authData', authData);
  let attestationObject = encodeCbor(attestation);
  if (spec.type === 'malformed-cbor') {
    attestationObject = attestationObject.slice(0, attestationObject.length - CUT);
    applied = true;
  }
  response.clientDataJSON = toBase64url(clientDataJSON);
  response.attestationObject = toBase64url(attestationObject);
  response.authenticatorData = toBase64url(authData);
  return { credential: { ...credential, response }, applied };
}

/** The clientDataJSON and authenticator data with the fault in them, or undefined if it touches neither. */
function changedParts(
  spec: FaultSpec,
  clientDataJSON: Uint8Array,
  authData: Uint8Array,
  context: FaultContext,
): { clientDataJSON: Uint8Array; authData: Uint8Array } | undefined {
  const data = authData.slice();
  switch (spec.type) {
    case 'wrong-challenge': {
      const challenge = clientDataMember(clientDataJSON, 'challenge');
      // Another challenge: SHA-256 of the right one, base64url.
      const other = toBase64url(sha256(utf8(challenge)));
      return { clientDataJSON: withClientDataMember(clientDataJSON, 'challenge', other), authData };
    }
    case 'wrong-origin':
      return {
        clientDataJSON: withClientDataMember(clientDataJSON, 'origin', 'https://wrong-origin.example'),
        authData,
      };
    case 'wrong-rp-id-hash':
      // SHA-256 of the right hash: a hash of something, not of the RP ID.
      data.set(sha256(authData.subarray(0, FLAGS_AT)), 0);
      return { clientDataJSON, authData: data };
    case 'clear-up':
      data[FLAGS_AT]! &= ~UP;
      return { clientDataJSON, authData: data };
    case 'clear-uv':
      data[FLAGS_AT]! &= ~UV;
      return { clientDataJSON, authData: data };
    case 'counter-frozen':
    case 'counter-rollback': {
      const counter = new DataView(authData.buffer, authData.byteOffset + COUNTER_AT, 4).getUint32(0);
      const before = context.counterBefore ?? Math.max(0, counter - 1);
      const value = spec.type === 'counter-frozen' ? before : Math.max(0, before - spec.by);
      data.set(uint32be(value), COUNTER_AT);
      return { clientDataJSON, authData: data };
    }
    case 'no-attested-credential-data':
      // §6.5.1 absent: AT cleared and the bytes after the counter dropped (Tapkey writes no
      // extension outputs, so nothing else follows them).
      if ((authData[FLAGS_AT]! & AT) === 0) return undefined;
      data[FLAGS_AT]! &= ~AT;
      return { clientDataJSON, authData: data.slice(0, FIXED_LENGTH) };
    case 'malformed-cbor':
      // get(): ED says extension outputs follow, and what follows is not CBOR. create() cuts the
      // attestation object itself instead (faultRegistration).
      if ((authData[FLAGS_AT]! & AT) !== 0) return undefined;
      data[FLAGS_AT]! |= ED;
      return { clientDataJSON, authData: concat(data, BROKEN_EXTENSIONS) };
    default:
      return undefined;
  }
}

function clientDataMember(clientDataJSON: Uint8Array, name: string): string {
  const value = (JSON.parse(fromUtf8(clientDataJSON)) as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : '';
}

/** JSON.parse keeps the members' order, so the result reads as §5.8.1.1 wrote it, with one value changed. */
function withClientDataMember(clientDataJSON: Uint8Array, name: string, value: string): Uint8Array {
  const data = JSON.parse(fromUtf8(clientDataJSON)) as Record<string, unknown>;
  data[name] = value;
  return utf8(JSON.stringify(data));
}

/** A signature that still parses (DER, or 64 bytes) but no longer verifies. */
function flipLastBit(signature: Uint8Array): Uint8Array {
  const out = signature.slice();
  out[out.length - 1]! ^= 0x01;
  return out;
}
