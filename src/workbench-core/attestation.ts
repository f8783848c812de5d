/**
 * An attestation object (WebAuthn L3 §6.5.4) decoded: `fmt`, the statement (`alg`, `sig` as DER and
 * r‖s, how many certificates in `x5c`) and the authenticator data inside it.
 */
import { decodeCbor } from '../authenticator/cbor.ts';
import { toBase64url } from '../shared/bytes.ts';
import { type DecodedAuthData, decodeAuthData } from './auth-data.ts';
import { toJsonValue } from './cose-jwk.ts';
import { type DecodedSignature, decodeSignature } from './signature.ts';

export interface DecodedAttestation {
  fmt: string;
  attStmt: {
    alg?: number;
    sig?: DecodedSignature;
    /** Certificates (base64url DER), when the format carries a chain (§8.2 packed with x5c). */
    x5c?: string[];
    /** Any other member, as JSON. */
    other?: Record<string, unknown>;
  };
  authData?: DecodedAuthData;
  problem?: string;
}

export function decodeAttestationObject(bytes: Uint8Array, rpId?: string): DecodedAttestation {
  let decoded: unknown;
  try {
    decoded = decodeCbor(bytes);
  } catch (e) {
    return { fmt: '', attStmt: {}, problem: `not CBOR: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (!(decoded instanceof Map)) return { fmt: '', attStmt: {}, problem: 'not a CBOR map' };
  const map = decoded as Map<unknown, unknown>;
  const fmt = map.get('fmt');
  const out: DecodedAttestation = { fmt: typeof fmt === 'string' ? fmt : '', attStmt: {} };
  const statement = map.get('attStmt');
  if (statement instanceof Map) {
    const alg = statement.get('alg');
    if (typeof alg === 'number') out.attStmt.alg = alg;
    const sig = statement.get('sig');
    if (sig instanceof Uint8Array) out.attStmt.sig = decodeSignature(sig, out.attStmt.alg);
    const x5c = statement.get('x5c');
    if (Array.isArray(x5c))
      out.attStmt.x5c = x5c.filter((c): c is Uint8Array => c instanceof Uint8Array).map(toBase64url);
    const other: Record<string, unknown> = {};
    for (const [k, v] of statement as Map<unknown, unknown>) {
      if (k !== 'alg' && k !== 'sig' && k !== 'x5c') other[String(k)] = toJsonValue(v);
    }
    if (Object.keys(other).length > 0) out.attStmt.other = other;
  }
  const authData = map.get('authData');
  if (authData instanceof Uint8Array) out.authData = decodeAuthData(authData, rpId);
  else out.problem = 'authData is missing';
  return out;
}
