/**
 * Converts the page's PublicKeyCredential{Creation,Request}Options to WebAuthn's JSON form so they can
 * be posted. Like the browser's WebIDL binding, a BufferSource member that is not one throws a
 * TypeError here, synchronously; everything else is validated by the service worker, which trusts
 * nothing this code produces.
 */
import { toBase64url } from '../shared/bytes.ts';

type Obj = Record<string, unknown>;

function bufferSource(value: unknown, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (value instanceof ArrayBuffer) return toBase64url(new Uint8Array(value));
  if (ArrayBuffer.isView(value)) {
    return toBase64url(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
  }
  if (typeof SharedArrayBuffer !== 'undefined' && value instanceof SharedArrayBuffer) {
    throw new TypeError(`Failed to read the '${field}' property: a SharedArrayBuffer is not allowed.`);
  }
  throw new TypeError(
    `Failed to read the '${field}' property: The provided value is not of type '(ArrayBuffer or ArrayBufferView)'.`,
  );
}

function obj(value: unknown): Obj | undefined {
  return typeof value === 'object' && value !== null ? (value as Obj) : undefined;
}

function descriptors(value: unknown, field: string): unknown {
  if (value === undefined) return undefined;
  if (
    typeof value !== 'object' ||
    value === null ||
    typeof (value as Iterable<unknown>)[Symbol.iterator] !== 'function'
  ) {
    throw new TypeError(
      `Failed to read the '${field}' property: The provided value cannot be converted to a sequence.`,
    );
  }
  return Array.from(value as Iterable<unknown>, (d) => {
    const o = obj(d);
    if (!o) throw new TypeError(`Failed to read the '${field}' property: an entry is not an object.`);
    return {
      type: o.type,
      id: bufferSource(o.id, `${field}.id`),
      transports: Array.isArray(o.transports) ? o.transports.filter((t) => typeof t === 'string') : undefined,
    };
  });
}

function extensions(value: unknown): Obj | undefined {
  const o = obj(value);
  if (!o) return undefined;
  // Only extensions this client implements are forwarded; others are ignored, as the spec allows.
  return o.credProps === true ? { credProps: true } : {};
}

/** Plain copies of scalar members, so getters run once, here, and nothing page-made is posted. */
function pick(o: Obj | undefined, keys: string[]): Obj | undefined {
  if (!o) return undefined;
  const out: Obj = {};
  for (const k of keys) {
    const v = o[k];
    if (v !== undefined) out[k] = typeof v === 'object' && v !== null ? String(v) : v;
  }
  return out;
}

export function creationOptionsToJSON(publicKey: Obj): Obj {
  const user = obj(publicKey.user);
  return {
    rp: pick(obj(publicKey.rp), ['id', 'name']),
    user: user && { ...pick(user, ['name', 'displayName']), id: bufferSource(user.id, 'user.id') },
    challenge: bufferSource(publicKey.challenge, 'challenge'),
    pubKeyCredParams: Array.isArray(publicKey.pubKeyCredParams)
      ? publicKey.pubKeyCredParams.map((p: unknown) => pick(obj(p), ['type', 'alg']) ?? p)
      : publicKey.pubKeyCredParams,
    timeout: publicKey.timeout,
    excludeCredentials: descriptors(publicKey.excludeCredentials, 'excludeCredentials'),
    authenticatorSelection: pick(obj(publicKey.authenticatorSelection), [
      'authenticatorAttachment',
      'residentKey',
      'requireResidentKey',
      'userVerification',
    ]),
    attestation: publicKey.attestation,
    extensions: extensions(publicKey.extensions),
  };
}

export function requestOptionsToJSON(publicKey: Obj): Obj {
  return {
    challenge: bufferSource(publicKey.challenge, 'challenge'),
    timeout: publicKey.timeout,
    rpId: publicKey.rpId,
    allowCredentials: descriptors(publicKey.allowCredentials, 'allowCredentials'),
    userVerification: publicKey.userVerification,
    extensions: extensions(publicKey.extensions),
  };
}
