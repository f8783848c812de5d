/**
 * Isolated-world relay, a standalone IIFE at document_start in every frame, listening before any page
 * script runs. It adds facts the page cannot forge (ancestor origins, permissions policy, user
 * activation, visibility) and hands each request to `relayRequest`.
 */
import browser from 'webextension-polyfill';
import { isPageRequestMessage, isPageSignalMessage, isPageWarmMessage } from '../messages/guards.ts';
import type { CeremonyKind, FrameFacts } from '../messages/protocol.ts';
import { CEREMONY_PORT, SIGNAL_PORT, WARM_PORT } from '../messages/protocol.ts';
import { platform } from '../platform/index.ts';
import { createOfferFrame } from './offer-frame.ts';
import { relayRequest } from './relay-request.ts';
import { relaySignal } from './relay-signal.ts';

/** The passkey autofill frame (manifest web_accessible_resources, use_dynamic_url). */
const offerUrl = () => browser.runtime.getURL('offer/offer.html');
/** The origin the frame's document has (Chrome: the extension's own ID; Firefox: its UUID). */
const ownOrigin = () => platform.ownOrigin();

function frameFacts(kind: CeremonyKind): FrameFacts {
  const policy = (document as Document & { featurePolicy?: { allowsFeature(f: string): boolean } })
    .featurePolicy;
  const feature = kind === 'create' ? 'publickey-credentials-create' : 'publickey-credentials-get';
  const ancestors = location.ancestorOrigins ? Array.from(location.ancestorOrigins) : [];
  return {
    ancestorOrigins: ancestors,
    // Without the Feature Policy API (Firefox) a cross-origin frame is refused: the safe default.
    permissionsPolicyAllows: policy ? policy.allowsFeature(feature) : ancestors.length === 0,
    hasTransientActivation: navigator.userActivation?.isActive ?? false,
    documentVisible: document.visibilityState === 'visible',
    documentFocused: document.hasFocus(),
  };
}

/** When this frame last woke the worker: at most once per WARM_EVERY_MS. */
let warmedAt = Number.NEGATIVE_INFINITY;
/** Below Chrome's 30 s idle timeout: a worker woken this recently is still running. */
const WARM_EVERY_MS = 20_000;

/** Wakes the worker (it disconnects the port at once): starting it takes Chrome 150–250 ms. */
function warmWorker(): void {
  const now = performance.now();
  if (now - warmedAt < WARM_EVERY_MS) return;
  warmedAt = now;
  try {
    const port = browser.runtime.connect({ name: WARM_PORT });
    // Read, so Chrome reports no unchecked lastError when the worker lets go of it.
    port.onDisconnect.addListener(() => void browser.runtime.lastError);
  } catch {
    // The extension was updated or removed under this page: nothing to wake.
  }
}

window.addEventListener('message', (event: MessageEvent) => {
  // Only this window's own page script (or page) talks to us; frames post to their own relay.
  if (event.source !== window) return;
  if (isPageWarmMessage(event.data)) {
    warmWorker();
    return;
  }
  if (isPageSignalMessage(event.data)) {
    const answerPort = event.ports[0];
    if (answerPort) {
      relaySignal(event.data.signal, answerPort, () => browser.runtime.connect({ name: SIGNAL_PORT }));
    }
    return;
  }
  if (!isPageRequestMessage(event.data)) return;
  const pagePort = event.ports[0];
  if (!pagePort) return;
  const { kind, options, mediation } = event.data;
  relayRequest({
    kind,
    options,
    frame: frameFacts(kind),
    pagePort,
    connect: () => browser.runtime.connect({ name: CEREMONY_PORT }),
    ...(mediation === 'conditional' && { autofill: createOfferFrame(offerUrl(), ownOrigin()) }),
  });
});
