/**
 * The UserGate for passkey autofill (WebAuthn L3 §5.1.4, mediation "conditional"): no prompt opens.
 * The passkeys are offered in the offer frame on the page's webauthn fields, and the user's choice
 * there is the user's presence. When user verification is wanted (or the vault is locked), the
 * prompt then asks for the PIN, for the chosen account only.
 */
import { AuthenticatorError } from '../../authenticator/errors.ts';
import type { UserGate } from '../../authenticator/ports.ts';
import type { UvRequirement } from '../../authenticator/types.ts';
import { summaryView } from '../../messages/summary-view.ts';
import { fromBase64url } from '../../shared/bytes.ts';
import { type GateContext, promptGate } from './gate.ts';
import { openOffer } from './offers.ts';
import { endedBy } from './refusal.ts';

export interface ConditionalContext extends GateContext {
  tabId: number;
  /** Sends the offer's token to the page's relay, which shows the frame. */
  announce: (token: string) => void;
  /** Whether the PIN must be entered for this request (pinPolicy). */
  needsPin: (uv: UvRequirement) => Promise<boolean>;
}

export function conditionalGate(context: ConditionalContext): UserGate {
  const { signal } = context;
  return {
    approveMakeCredential() {
      // Conditional create is handed to the browser in the page (page-steps.ts); never reached.
      throw new AuthenticatorError('CTAP2_ERR_OPERATION_DENIED', 'conditional create is the browser’s');
    },
    async approveGetAssertion(request) {
      // No passkey for this site: nothing is offered, and the request waits (as Chrome's does) until
      // the page aborts it or the user signs in another way.
      if (request.candidates.length === 0) {
        await new Promise<void>((resolve) => {
          if (signal.aborted) resolve();
          else signal.addEventListener('abort', () => resolve(), { once: true });
        });
        endedBy(signal);
      }
      const offer = openOffer(
        { tabId: context.tabId, rpId: request.rpId, entries: request.candidates.map(summaryView) },
        signal,
      );
      context.announce(offer.token);
      let chosenId: string;
      try {
        chosenId = await offer.chosen;
      } catch {
        endedBy(signal);
      }
      const credentialId = fromBase64url(chosenId);
      if (await context.needsPin(request.uv)) {
        const chosen = request.candidates.filter((c) => summaryView(c).id === chosenId);
        return promptGate(context).approveGetAssertion({ ...request, candidates: chosen });
      }
      // The choice in the offer frame is the user's presence.
      return { credentialId, userPresent: true, userVerified: false };
    },
  };
}
