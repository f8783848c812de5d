/**
 * Attestation objects (WebAuthn L3 §6.5.4): `none` (§8.7) by default, `packed` self attestation
 * (§8.2, no x5c: signed with the credential's own key) when the RP asks for direct/enterprise.
 */
import { concat } from '../shared/bytes.ts';
import { canonicalMap, encodeCbor } from './cbor.ts';
import { type SupportedAlg, sign } from './keys.ts';

export interface AttestationInput {
  format: 'none' | 'packed';
  authData: Uint8Array;
  clientDataHash: Uint8Array;
  alg: SupportedAlg;
  privateKey: Uint8Array;
}

export function attestationObject(input: AttestationInput): Uint8Array {
  // Canonical order of the text keys: "fmt" (3) < "attStmt" (7) < "authData" (8).
  const attStmt =
    input.format === 'packed'
      ? canonicalMap([
          ['alg', input.alg],
          ['sig', sign(input.alg, input.privateKey, concat(input.authData, input.clientDataHash))],
        ])
      : canonicalMap([]);
  return encodeCbor(
    canonicalMap([
      ['fmt', input.format],
      ['attStmt', attStmt],
      ['authData', input.authData],
    ]),
  );
}
