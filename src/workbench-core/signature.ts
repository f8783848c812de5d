/**
 * An ECDSA signature both ways (WebAuthn L3 §6.5.6: ES256 signatures are ASN.1 DER; WebCrypto and
 * JOSE want the raw r‖s of RFC 7518 §3.4), so a developer can check one with whichever tool they use.
 */
import { toBase64url, toHex } from '../shared/bytes.ts';

export interface DecodedSignature {
  /** The signature as sent (base64url). */
  der: string;
  derHex: string;
  /** r‖s, each left-padded to the curve size: present when the bytes are a DER ECDSA-Sig-Value. */
  raw?: string;
  rawHex?: string;
}

/** RFC 3279 §2.2.3 Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER } → r‖s of `size` bytes each. */
export function derToRaw(der: Uint8Array, size = 32): Uint8Array | undefined {
  if (der[0] !== 0x30 || der[1] === undefined || der[1] + 2 !== der.length) return undefined;
  let position = 2;
  const out = new Uint8Array(size * 2);
  for (let i = 0; i < 2; i++) {
    if (der[position] !== 0x02) return undefined;
    const length = der[position + 1];
    if (length === undefined || position + 2 + length > der.length) return undefined;
    let value = der.subarray(position + 2, position + 2 + length);
    // X.690 §8.3.2: a leading zero keeps a positive integer positive; it is not part of the value.
    while (value.length > 0 && value[0] === 0) value = value.subarray(1);
    if (value.length > size) return undefined;
    out.set(value, size * (i + 1) - value.length);
    position += 2 + length;
  }
  return position === der.length ? out : undefined;
}

/** `alg` picks the reading: ES256 (-7) has a DER form; EdDSA (-8) signatures are already raw. */
export function decodeSignature(signature: Uint8Array, alg?: number): DecodedSignature {
  const out: DecodedSignature = { der: toBase64url(signature), derHex: toHex(signature) };
  if (alg === -8) return out;
  const raw = derToRaw(signature);
  if (raw) {
    out.raw = toBase64url(raw);
    out.rawHex = toHex(raw);
  }
  return out;
}
