/**
 * Authenticator data decoded for people (WebAuthn L3 §6.1): the RP ID hash and whether it is
 * SHA-256 of the RP ID (§7.1 step 15 / §7.2 step 15 of the relying party's checks), each flag by
 * name, the counter, and the attested credential data (§6.5.1) with its public key as COSE and JWK.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { decodeCbor } from '../authenticator/cbor.ts';
import { equal, toBase64url, toHex, utf8 } from '../shared/bytes.ts';
import { cborItemEnd } from './cbor-length.ts';
import { coseToJson, coseToJwk, type Jwk, toJsonValue } from './cose-jwk.ts';

/** WebAuthn L3 §6.1 flag bits. Bits 1 and 5 are reserved (RFU1, RFU2). */
const FLAG_BITS = { UP: 0x01, UV: 0x04, BE: 0x08, BS: 0x10, AT: 0x40, ED: 0x80 } as const;
export type FlagName = keyof typeof FLAG_BITS;

export interface DecodedAuthData {
  rpIdHash: string;
  /** SHA-256 of the RP ID the ceremony used; absent when no RP ID was known. */
  expectedRpIdHash?: string;
  rpIdHashMatches?: boolean;
  /** The flags byte as hex, then each flag by name. */
  flagsByte: string;
  flags: Record<FlagName, boolean>;
  /** Reserved bits set (RFU1 0x02, RFU2 0x20): an authenticator must leave them 0. */
  reservedBits: number;
  signCount: number;
  attestedCredentialData?: {
    aaguid: string;
    credentialId: string;
    credentialIdLength: number;
    /** The COSE_Key bytes (base64url), its members, and the same key as a JWK. */
    publicKeyCose: string;
    publicKey: Record<string, unknown>;
    jwk?: Jwk;
  };
  /** Authenticator extension outputs (ED), as JSON. */
  extensions?: unknown;
  /** Bytes after everything the flags announce: a malformed authenticator data. */
  trailingBytes?: number;
  /** What could not be decoded, in words. */
  problem?: string;
}

export function formatUuid(bytes: Uint8Array): string {
  const hex = toHex(bytes);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function decodeAuthData(authData: Uint8Array, rpId?: string): DecodedAuthData {
  if (authData.length < 37) {
    return {
      rpIdHash: toHex(authData.subarray(0, 32)),
      flagsByte: '',
      flags: { UP: false, UV: false, BE: false, BS: false, AT: false, ED: false },
      reservedBits: 0,
      signCount: 0,
      problem: `authenticator data is ${authData.length} bytes; at least 37 expected (§6.1)`,
    };
  }
  const hash = authData.subarray(0, 32);
  const flagsByte = authData[32]!;
  const flags = Object.fromEntries(
    Object.entries(FLAG_BITS).map(([name, bit]) => [name, (flagsByte & bit) !== 0]),
  ) as Record<FlagName, boolean>;
  const out: DecodedAuthData = {
    rpIdHash: toHex(hash),
    flagsByte: flagsByte.toString(16).padStart(2, '0'),
    flags,
    reservedBits: flagsByte & 0x22,
    signCount: new DataView(authData.buffer, authData.byteOffset + 33, 4).getUint32(0, false),
  };
  if (rpId !== undefined) {
    const expected = sha256(utf8(rpId));
    out.expectedRpIdHash = toHex(expected);
    out.rpIdHashMatches = equal(hash, expected);
  }
  let position = 37;
  try {
    if (flags.AT) {
      // §6.5.1: aaguid (16) ‖ credentialIdLength (2, big-endian) ‖ credentialId ‖ credentialPublicKey.
      if (authData.length < position + 18) throw new RangeError('attested credential data truncated');
      const aaguid = authData.subarray(position, position + 16);
      const idLength = (authData[position + 16]! << 8) | authData[position + 17]!;
      position += 18;
      if (authData.length < position + idLength) throw new RangeError('credential ID truncated');
      const credentialId = authData.subarray(position, position + idLength);
      position += idLength;
      const keyEnd = cborItemEnd(authData, position);
      const keyBytes = authData.subarray(position, keyEnd);
      position = keyEnd;
      const key = decodeCbor(keyBytes);
      const map = key instanceof Map ? (key as Map<unknown, unknown>) : new Map<unknown, unknown>();
      out.attestedCredentialData = {
        aaguid: formatUuid(aaguid),
        credentialId: toBase64url(credentialId),
        credentialIdLength: idLength,
        publicKeyCose: toBase64url(keyBytes),
        publicKey: coseToJson(map),
      };
      const jwk = coseToJwk(map);
      if (jwk) out.attestedCredentialData.jwk = jwk;
    }
    if (flags.ED) {
      const end = cborItemEnd(authData, position);
      out.extensions = toJsonValue(decodeCbor(authData.subarray(position, end)));
      position = end;
    }
  } catch (e) {
    out.problem = e instanceof Error ? e.message : String(e);
    return out;
  }
  if (position < authData.length) out.trailingBytes = authData.length - position;
  return out;
}
