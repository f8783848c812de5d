/** Authenticator data (WebAuthn L3 §6.1) and attested credential data (§6.5.1). */

import { sha256 } from '@noble/hashes/sha2.js';
import { concat, uint32be, utf8 } from '../shared/bytes.ts';

/** WebAuthn L3 §6.1 flags. BE/BS stay 0 (device-bound, never synced) unless a profile sets them. */
export const FLAG = { UP: 0x01, UV: 0x04, BE: 0x08, BS: 0x10, AT: 0x40, ED: 0x80 } as const;

export interface AttestedCredentialData {
  aaguid: Uint8Array;
  credentialId: Uint8Array;
  credentialPublicKey: Uint8Array;
}

export interface AuthDataInput {
  rpId: string;
  userPresent: boolean;
  userVerified: boolean;
  /** BE and BS (§6.1): only a workbench profile sets them. */
  backupEligible?: boolean;
  backupState?: boolean;
  signCount: number;
  attestedCredentialData?: AttestedCredentialData;
  /** CBOR-encoded authenticator extension outputs; sets ED. */
  extensions?: Uint8Array;
}

export function rpIdHash(rpId: string): Uint8Array {
  return sha256(utf8(rpId));
}

export function encodeAuthData(input: AuthDataInput): Uint8Array {
  let flags = 0;
  if (input.userPresent) flags |= FLAG.UP;
  if (input.userVerified) flags |= FLAG.UV;
  if (input.backupEligible) flags |= FLAG.BE;
  if (input.backupState) flags |= FLAG.BS;
  if (input.attestedCredentialData) flags |= FLAG.AT;
  if (input.extensions) flags |= FLAG.ED;
  const parts = [rpIdHash(input.rpId), Uint8Array.of(flags), uint32be(input.signCount)];
  const acd = input.attestedCredentialData;
  if (acd) {
    if (acd.aaguid.length !== 16) throw new Error('AAGUID must be 16 bytes');
    if (acd.credentialId.length > 1023) throw new Error('credential ID longer than 1023 bytes');
    const idLength = Uint8Array.of(acd.credentialId.length >> 8, acd.credentialId.length & 0xff);
    parts.push(acd.aaguid, idLength, acd.credentialId, acd.credentialPublicKey);
  }
  if (input.extensions) parts.push(input.extensions);
  return concat(...parts);
}
