/**
 * The authenticator's own checks of what the gate reports, so a UI that approves wrongly (a bug, a
 * forged answer, a gate that forgot to ask) still gets no signature and no new credential.
 */
import { AuthenticatorError } from './errors.ts';
import type { MakeCredentialApproval } from './ports.ts';
import type { UvRequirement } from './types.ts';

/**
 * CTAP 2.1 §6.1.2 step 14 / §6.2.2 step 9: without the user's presence the operation ends with
 * CTAP2_ERR_OPERATION_DENIED. Compared with `true`: a missing or non-boolean value is no presence.
 */
export function requirePresence(approval: MakeCredentialApproval): void {
  if (approval.userPresent !== true) {
    throw new AuthenticatorError('CTAP2_ERR_OPERATION_DENIED', 'the user’s presence was not confirmed');
  }
}

/**
 * CTAP 2.1 §6.1.2 step 11 / §6.2.2 step 7: a PIN-protected key asked to verify the user, without a
 * verified PIN, answers CTAP2_ERR_PUAT_REQUIRED (a pinUvAuthToken was required). "preferred" and
 * "discouraged" go on unverified, with the UV flag clear.
 */
export function requireVerification(approval: MakeCredentialApproval, uv: UvRequirement): void {
  if (uv === 'required' && approval.userVerified !== true) {
    throw new AuthenticatorError(
      'CTAP2_ERR_PUAT_REQUIRED',
      'user verification was required but not performed',
    );
  }
}
