/**
 * The one entry for every front door (the page-script relay today; chrome.webAuthenticationProxy can
 * feed the same request later): bypass list, client ceremony, authenticator, outcome.
 */
import { createCredential, getCredential, HandBackToBrowser } from '../client/ceremony.ts';
import { WebAuthnError } from '../client/errors.ts';
import { adjustTimeout } from '../client/parse-options.ts';
import type { CallerContext } from '../client/types.ts';
import type { CeremonyKind, CeremonyOutcome } from '../messages/protocol.ts';
import { popupGate } from './gate.ts';
import { isBypassed } from './settings.ts';
import { credentialStore } from './vault.ts';

export interface CeremonyRequest {
  requestId: string;
  kind: CeremonyKind;
  /** WebAuthn JSON options as the page sent them: untrusted. */
  options: unknown;
  /** From the browser (sender.origin), never from the page. */
  caller: CallerContext;
  deadline: number;
  /** Aborted with 'abort' (page, closed tab) or 'timeout'; the prompt goes away at once. */
  signal: AbortSignal;
}

/** The request's timeout, clamped as the client layer clamps it, for the worker's own timer. */
export function timeoutOf(options: unknown): number {
  return adjustTimeout(
    typeof options === 'object' && options !== null ? (options as { timeout?: unknown }).timeout : undefined,
  );
}

const random = { bytes: (n: number) => crypto.getRandomValues(new Uint8Array(n)) };
const clock = { now: () => Date.now() };

export async function runCeremony(request: CeremonyRequest): Promise<CeremonyOutcome> {
  const { caller } = request;
  try {
    if ((await isBypassed(caller.origin)) || (caller.topOrigin && (await isBypassed(caller.topOrigin)))) {
      return { type: 'fallback' };
    }
    const ports = {
      store: await credentialStore(),
      gate: popupGate(request.signal, request.deadline),
      random,
      clock,
    };
    if (request.kind === 'create') {
      const credential = await createCredential(request.options, caller, request.requestId, ports);
      return { type: 'result', kind: 'create', credential };
    }
    const credential = await getCredential(request.options, caller, request.requestId, ports);
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
}
