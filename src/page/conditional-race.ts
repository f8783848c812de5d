/**
 * Passkey autofill runs two requests for one get({mediation: "conditional"}) call: Tapkey's offer
 * and the browser's own conditional request, so the user's own passkeys are offered too (WebAuthn L3
 * §5.1.4: the client may show credentials from several authenticators). The page gets whichever the
 * user chooses, and the other is aborted:
 *  - Tapkey answers (a credential, or an error such as SecurityError): the browser's is aborted;
 *  - the browser's resolves (the user chose one of its passkeys): Tapkey's offer is withdrawn;
 *  - the browser's fails (conditional UI unavailable, nothing there): Tapkey's offer still stands,
 *    and that failure is the answer only if Tapkey hands the request back (a bypassed site);
 *  - the page aborts: both go, and the page has its signal's reason.
 * Callbacks only: no promise chain a page could reach through Promise.prototype.then.
 */
import type { CeremonyOutcome } from '../messages/protocol.ts';

export interface ConditionalSides<T> {
  /** Starts Tapkey's request; `onOutcome` is called once. Returns what withdraws it. */
  startTapkey(onOutcome: (outcome: CeremonyOutcome) => void): () => void;
  /** Starts the browser's own conditional request; `abort` ends it. */
  startBrowser(onResult: (value: T) => void, onError: (error: unknown) => void): { abort(): void };
  /** Tapkey's result or error as the page sees it (throws the error). */
  toValue(outcome: Exclude<CeremonyOutcome, { type: 'fallback' }>): T;
  /** Calls `listener` once if the page's signal aborts, with its reason; returns the unsubscribe. */
  onPageAbort(listener: (reason: unknown) => void): () => void;
}

export function raceConditional<T>(
  sides: ConditionalSides<T>,
  resolve: (value: T) => void,
  reject: (error: unknown) => void,
): void {
  let over = false;
  let browserFailure: { error: unknown } | undefined;
  let tapkeyHandedBack = false;
  let stopListening: () => void = () => undefined;
  const finish = (): boolean => {
    if (over) return false;
    over = true;
    stopListening();
    return true;
  };

  const withdrawTapkey = sides.startTapkey((outcome) => {
    if (over) return;
    if (outcome.type === 'fallback') {
      tapkeyHandedBack = true;
      if (browserFailure && finish()) reject(browserFailure.error);
      return;
    }
    finish();
    browser.abort();
    try {
      resolve(sides.toValue(outcome));
    } catch (e) {
      reject(e);
    }
  });
  const browser = sides.startBrowser(
    (value) => {
      if (!finish()) return;
      withdrawTapkey();
      resolve(value);
    },
    (error) => {
      if (over) return;
      if (tapkeyHandedBack) {
        finish();
        reject(error);
      } else browserFailure = { error };
    },
  );
  stopListening = sides.onPageAbort((reason) => {
    if (!finish()) return;
    withdrawTapkey();
    browser.abort();
    reject(reason);
  });
}
