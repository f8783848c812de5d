/**
 * Passkey autofill offers (WebAuthn L3 §5.1.4, mediation "conditional"): one per pending conditional
 * request that has passkeys to offer. The page's relay gets only a random token; the offer frame (an
 * extension page the page cannot read) trades it for the entries and reports the user's choice.
 * The frame must be in the tab that asked, and be our own page: a token alone is not enough.
 */
import { isOfferToWorker } from '../../messages/guards.ts';
import type { WorkerToOffer } from '../../messages/protocol.ts';
import type { CredentialSummaryView } from '../../messages/views.ts';
import { toBase64url } from '../../shared/bytes.ts';

/** The part of a runtime Port the offer side uses. */
export interface OfferPort {
  sender?: { id?: string; url?: string; tab?: { id?: number } };
  postMessage(message: WorkerToOffer): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

interface Offer {
  tabId: number;
  rpId: string;
  entries: CredentialSummaryView[];
  choose: (credentialId: string) => void;
  ports: Set<OfferPort>;
}

const offers = new Map<string, Offer>();

export interface OpenOffer {
  token: string;
  /** The credential id (base64url) the user chose; rejects when the signal aborts. */
  chosen: Promise<string>;
}

/** Opens an offer for these entries; it closes when the user chooses or the signal aborts. */
export function openOffer(
  request: { tabId: number; rpId: string; entries: CredentialSummaryView[] },
  signal: AbortSignal,
): OpenOffer {
  const token = toBase64url(crypto.getRandomValues(new Uint8Array(32)));
  const chosen = new Promise<string>((resolve, reject) => {
    const close = () => {
      const offer = offers.get(token);
      offers.delete(token);
      for (const port of offer?.ports ?? []) {
        try {
          port.postMessage({ type: 'closed' });
          port.disconnect();
        } catch {
          // The frame is gone already.
        }
      }
    };
    offers.set(token, {
      ...request,
      ports: new Set(),
      choose: (credentialId) => {
        close();
        resolve(credentialId);
      },
    });
    const onAbort = () => {
      close();
      reject(signal.reason);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  // An abort before anyone awaits must not surface as an unhandled rejection.
  chosen.catch(() => undefined);
  return { token, chosen };
}

/**
 * A frame's port: `hello` with a token binds it to that offer (same tab, our own offer page), then
 * `choose` reports the user's pick, which must be one of the entries offered.
 */
export function handleOfferPort(port: OfferPort, ownId: string, offerPath: string): void {
  let bound: Offer | undefined;
  const fromOurFrame = (() => {
    try {
      const url = new URL(port.sender?.url ?? '');
      return port.sender?.id === ownId && url.protocol.endsWith('-extension:') && url.pathname === offerPath;
    } catch {
      return false;
    }
  })();
  if (!fromOurFrame) {
    port.disconnect();
    return;
  }
  port.onMessage.addListener((message: unknown) => {
    if (!isOfferToWorker(message)) return;
    const m = message;
    if (m.type === 'hello' && !bound) {
      const offer = offers.get(m.token);
      if (!offer || offer.tabId !== port.sender?.tab?.id) {
        port.postMessage({ type: 'closed' });
        port.disconnect();
        return;
      }
      bound = offer;
      offer.ports.add(port);
      port.postMessage({ type: 'entries', rpId: offer.rpId, entries: offer.entries });
    } else if (m.type === 'choose' && bound?.entries.some((e) => e.id === m.credentialId)) {
      bound.choose(m.credentialId);
    }
  });
  port.onDisconnect.addListener(() => bound?.ports.delete(port));
}
