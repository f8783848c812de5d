/**
 * The workbench's UserGate: automatic presence for an origin the developer listed (like CDP's
 * `automaticPresenceSimulation`, with `isUserVerified` when auto UV is on). No prompt: create is
 * approved, get takes the first candidate (allowCredentials order, else the store's order). A request
 * that requires UV while auto UV is off goes to the prompt, which asks for the PIN.
 */
import { AuthenticatorError } from '../../authenticator/errors.ts';
import type { UserGate } from '../../authenticator/ports.ts';
import type { WorkbenchGrant } from '../../workbench-core/types.ts';

export function autoGate(grant: WorkbenchGrant, prompt: () => UserGate): UserGate {
  return {
    async approveMakeCredential(request) {
      if (request.uv === 'required' && !grant.autoUv) return prompt().approveMakeCredential(request);
      // An excluded credential: the authenticator refuses after this "tap" (CTAP 2.1 §6.1.2 step 11).
      // Simulated presence, as CDP's automaticPresenceSimulation: the developer turned it on.
      return { userPresent: true, userVerified: grant.autoUv };
    },
    async approveGetAssertion(request) {
      if (request.uv === 'required' && !grant.autoUv) return prompt().approveGetAssertion(request);
      const first = request.candidates[0];
      // Nothing to sign with: NotAllowedError at once, as Chrome's virtual authenticator answers.
      if (!first) throw new AuthenticatorError('CTAP2_ERR_NO_CREDENTIALS', 'no credential for this request');
      return { credentialId: first.credentialId, userPresent: true, userVerified: grant.autoUv };
    },
  };
}
