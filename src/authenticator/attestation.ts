/**
 * Attestation objects (WebAuthn L3 §6.5.4): `none` (§8.7) by default, `packed` self attestation
 * (§8.2, no x5c: signed with the credential's own key) when the RP asks for direct/enterprise.
 * A workbench profile may instead attest with a test certificate: `packed` full attestation (§8.2
 * with x5c) or `fido-u2f` (§8.6).
 */
import { concat } from '../shared/bytes.ts';
import { type CborValue, canonicalMap, encodeCbor } from './cbor.ts';
import { type SupportedAlg, sign } from './keys.ts';
import type { AttestationCertificate } from './profile.ts';
import { COSE_ALG } from './types.ts';

export interface AttestationInput {
  format: 'none' | 'packed' | 'fido-u2f';
  authData: Uint8Array;
  clientDataHash: Uint8Array;
  alg: SupportedAlg;
  privateKey: Uint8Array;
  /** Full attestation (packed with x5c, fido-u2f): the chain and its ES256 key. Absent: self attestation. */
  certificate?: AttestationCertificate;
  /** fido-u2f: the credential ID and its public key as an uncompressed P-256 point (§8.6 step 5). */
  u2f?: { credentialId: Uint8Array; publicKey: Uint8Array };
}

function statement(input: AttestationInput): Map<string | number, CborValue> {
  const { certificate } = input;
  const signed = concat(input.authData, input.clientDataHash);
  if (input.format === 'fido-u2f' && certificate && input.u2f) {
    // §8.6 step 5: verificationData = 0x00 ‖ rpIdHash ‖ clientDataHash ‖ credentialId ‖ publicKeyU2F.
    const data = concat(
      Uint8Array.of(0),
      input.authData.subarray(0, 32),
      input.clientDataHash,
      input.u2f.credentialId,
      input.u2f.publicKey,
    );
    return canonicalMap([
      ['sig', sign(COSE_ALG.ES256, certificate.privateKey, data)],
      ['x5c', certificate.x5c],
    ]);
  }
  if (input.format === 'packed' && certificate) {
    // §8.2 full attestation: signed with the attestation certificate's key, x5c beside it.
    return canonicalMap([
      ['alg', COSE_ALG.ES256],
      ['sig', sign(COSE_ALG.ES256, certificate.privateKey, signed)],
      ['x5c', certificate.x5c],
    ]);
  }
  if (input.format === 'packed') {
    return canonicalMap([
      ['alg', input.alg],
      ['sig', sign(input.alg, input.privateKey, signed)],
    ]);
  }
  return canonicalMap([]);
}

export function attestationObject(input: AttestationInput): Uint8Array {
  // Canonical order of the text keys: "fmt" (3) < "attStmt" (7) < "authData" (8).
  const attStmt = statement(input);
  return encodeCbor(
    canonicalMap([
      ['fmt', input.format],
      ['attStmt', attStmt],
      ['authData', input.authData],
    ]),
  );
}
