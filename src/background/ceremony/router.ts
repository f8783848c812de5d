/**
 * The one entry for every front door (the page-script relay today; chrome.webAuthenticationProxy can
 * feed the same request later): bypass list, client ceremony, authenticator, outcome.
 */
import { createAuthenticator } from '../../authenticator/create-authenticator.ts';
import type { AuthenticatorPorts, UserGate } from '../../authenticator/ports.ts';
import type { UvRequirement } from '../../authenticator/types.ts';
import { createCredential, getCredential, HandBackToBrowser } from '../../client/ceremony.ts';
import { WebAuthnError } from '../../client/errors.ts';
import type { CallerContext } from '../../client/types.ts';
import type { CeremonyKind, CeremonyOutcome } from '../../messages/protocol.ts';
import { isBypassed } from '../settings/bypass.ts';
import type { Vault } from '../vault/vault.ts';
import { conditionalGate } from './conditional-gate.ts';
import { promptGate } from './gate.ts';
import { pinPolicy } from './prompt-api.ts';

export interface CeremonyRequest {
  requestId: string;
  kind: CeremonyKind;
  /** WebAuthn JSON options as the page sent them: untrusted. */
  options: unknown;
  /** From the browser (sender.origin), never from the page. */
  caller: CallerContext;
  /** The tab and window that asked: the prompt opens beside them, and gives the focus back. */
  tabId?: number;
  windowId?: number;
  deadline: number;
  /** Aborted with 'abort' (page, closed tab) or 'timeout'; the prompt goes away at once. */
  signal: AbortSignal;
  /**
   * Passkey autofill (a get() with mediation "conditional"): no prompt; the passkeys are offered on
   * the page's webauthn fields in the tab that asked, through the token `announce` sends the relay.
   */
  autofill?: { tabId: number; announce: (token: string) => void };
}

export type Router = (request: CeremonyRequest) => Promise<CeremonyOutcome>;

/** The developer workbench's part (src/background/workbench/hooks.ts), wired in service-worker.ts. */
export interface RouterHooks {
  /** A gate that answers for the user (automatic presence), or undefined for the prompt. */
  gate(request: CeremonyRequest): Promise<UserGate | undefined>;
  /** The authenticator's ports for this request, possibly wrapped (a fault keeps the key it re-signs with). */
  ports?(request: CeremonyRequest, ports: AuthenticatorPorts): AuthenticatorPorts;
  /** Wraps the router to see every request and its outcome (the ceremony log). */
  observe(route: Router): Router;
}

const random = { bytes: (n: number) => crypto.getRandomValues(new Uint8Array(n)) };
const clock = { now: () => Date.now() };

export function ceremonyRouter(vault: Vault, hooks?: RouterHooks): Router {
  const route: Router = async (request) => {
    const { caller } = request;
    try {
      if ((await isBypassed(caller.origin)) || (caller.topOrigin && (await isBypassed(caller.topOrigin)))) {
        return { type: 'fallback' };
      }
      const needsPin = async (uv: UvRequirement) => (await pinPolicy(vault, { uv })).needsPin;
      const ports: AuthenticatorPorts = {
        store: (await vault.credentials()).forRequest(request.requestId),
        gate: request.autofill
          ? conditionalGate({ ...request, ...request.autofill, needsPin })
          : ((await hooks?.gate(request)) ?? promptGate({ ...request, needsPin })),
        random,
        clock,
      };
      const authenticator = createAuthenticator(hooks?.ports ? hooks.ports(request, ports) : ports);
      if (request.kind === 'create') {
        const credential = await createCredential(request.options, caller, authenticator);
        return { type: 'result', kind: 'create', credential };
      }
      const credential = await getCredential(request.options, caller, authenticator);
      return { type: 'result', kind: 'get', credential };
    } catch (e) {
      if (e instanceof HandBackToBrowser) return { type: 'fallback' };
      if (e instanceof WebAuthnError) return { type: 'error', name: e.name, message: e.message };
      // Unexpected: say nothing specific to the page (no internals, no key material in messages).
      console.error('Tapkey: ceremony failed', e instanceof Error ? `${e.name}: ${e.message}` : typeof e);
      return {
        type: 'error',
        name: 'NotAllowedError',
        message: 'The security key could not complete the request.',
      };
    }
  };
  return hooks ? hooks.observe(route) : route;
}
