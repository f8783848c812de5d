/**
 * What kind of authenticator this one is, as CDP's virtual authenticator options say it for
 * Chrome's: which algorithms it makes keys for, whether it keeps resident keys and verifies users,
 * how it attests, its AAGUID, its backup flags and how its counter moves. The default is Tapkey as it
 * always was (the golden bytes in test/fixtures/golden-authenticator.json); the workbench hands in
 * another one for an origin a developer listed.
 */
import { AAGUID } from './aaguid.ts';
import type { SupportedAlg } from './keys.ts';

/**
 * How a new credential is attested (WebAuthn L3 §8) when the RP asks for attestation at all:
 * `none` (§8.7), `packed` self attestation (§8.2, signed with the credential's key), `packed` with a
 * certificate chain (§8.2 full attestation), or `fido-u2f` (§8.6; ES256 credentials only).
 */
export type AttestationProfile =
  | { format: 'none' }
  | { format: 'packed' }
  | { format: 'packed' | 'fido-u2f'; certificate: AttestationCertificate };

export interface AttestationCertificate {
  /** The attestation certificate first, then the CAs up to (not including) the root: DER. */
  x5c: Uint8Array[];
  /** The attestation certificate's P-256 private key (raw scalar): signs as ES256. */
  privateKey: Uint8Array;
}

export interface AuthenticatorProfile {
  /** Offered, by COSE id; the first of the RP's pubKeyCredParams among them wins (CTAP 2.1 §6.1.2 step 3). */
  algorithms: readonly SupportedAlg[];
  /** CTAP 2.1 getInfo option `rk`: discoverable credentials. */
  residentKeys: boolean;
  /** CTAP 2.1 getInfo option `uv` (or clientPin): without it the UV flag is never set. */
  userVerification: boolean;
  attestation: AttestationProfile;
  aaguid: Uint8Array;
  /** WebAuthn L3 §6.1 BE and BS flags, in every authenticator data. */
  backupEligible: boolean;
  backupState: boolean;
  /** `zero`: the counter in authenticator data is always 0 (§6.1.1: an authenticator without one). */
  counter: 'increment' | 'zero';
}

export const DEFAULT_PROFILE: AuthenticatorProfile = {
  algorithms: [-7, -8],
  residentKeys: true,
  userVerification: true,
  attestation: { format: 'packed' },
  aaguid: AAGUID,
  backupEligible: false,
  backupState: false,
  counter: 'increment',
};
