/**
 * A COSE_Key (RFC 9052 §7) as a JSON Web Key (RFC 7517), the form developers paste into other tools:
 * EC2 P-256 (RFC 9053 §7.1.1 → RFC 7518 §6.2), OKP Ed25519 (RFC 9053 §7.2 → RFC 8037 §2) and RSA
 * (RFC 8230 §4 → RFC 7518 §6.3). Public parameters only: a COSE private key member (-4, d) is never
 * copied, so nothing secret can reach the log through this.
 */
import { toBase64url } from '../shared/bytes.ts';

export interface Jwk {
  kty: 'EC' | 'OKP' | 'RSA';
  crv?: string;
  x?: string;
  y?: string;
  n?: string;
  e?: string;
  alg?: string;
}

/** IANA COSE Algorithms → JOSE "alg" (RFC 7518 §3.1, RFC 8037 §3.1). */
const JOSE_ALG: Record<number, string> = { [-7]: 'ES256', [-8]: 'EdDSA', [-257]: 'RS256', [-35]: 'ES384' };
const EC_CURVES: Record<number, string> = { 1: 'P-256', 2: 'P-384', 3: 'P-521' };
const OKP_CURVES: Record<number, string> = { 6: 'Ed25519', 7: 'Ed448' };

const bytesAt = (key: Map<unknown, unknown>, label: number): string | undefined => {
  const v = key.get(label);
  return v instanceof Uint8Array ? toBase64url(v) : undefined;
};

/** The JWK for a decoded COSE_Key map, or undefined when its key type is not one of the three. */
export function coseToJwk(key: Map<unknown, unknown>): Jwk | undefined {
  const kty = key.get(1);
  const alg = key.get(3);
  const out = (jwk: Jwk): Jwk =>
    typeof alg === 'number' && JOSE_ALG[alg] ? { ...jwk, alg: JOSE_ALG[alg] } : jwk;
  const crv = key.get(-1);
  if (kty === 2) {
    return out({
      kty: 'EC',
      crv: EC_CURVES[Number(crv)] ?? String(crv),
      x: bytesAt(key, -2),
      y: bytesAt(key, -3),
    });
  }
  if (kty === 1) return out({ kty: 'OKP', crv: OKP_CURVES[Number(crv)] ?? String(crv), x: bytesAt(key, -2) });
  if (kty === 3) return out({ kty: 'RSA', n: bytesAt(key, -1), e: bytesAt(key, -2) });
  return undefined;
}

/** A COSE map as plain JSON (labels as strings, bytes as base64url), skipping private parameter -4. */
export function coseToJson(key: Map<unknown, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [label, value] of key) {
    // RFC 9053 §7.1.1 / §7.2: label -4 is the private key d. Never logged.
    if (label === -4 && key.get(1) !== 3) continue;
    out[String(label)] = toJsonValue(value);
  }
  return out;
}

export function toJsonValue(value: unknown): unknown {
  if (value instanceof Uint8Array) return toBase64url(value);
  if (value instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of value) out[String(k)] = toJsonValue(v);
    return out;
  }
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (typeof value === 'bigint') return value.toString();
  return value;
}
