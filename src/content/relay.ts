/**
 * Isolated-world relay, a standalone IIFE at document_start in every frame, listening before any page
 * script runs. It adds facts the page cannot forge (ancestor origins, permissions policy, user
 * activation, visibility) and hands each request to `relayRequest`.
 */
import browser from 'webextension-polyfill';
import { isPageRequestMessage, isPageSignalMessage } from '../messages/guards.ts';
import type { CeremonyKind, FrameFacts } from '../messages/protocol.ts';
import { CEREMONY_PORT, SIGNAL_PORT } from '../messages/protocol.ts';
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

window.addEventListener('message', (event: MessageEvent) => {
  // Only this window's own page script (or page) talks to us; frames post to their own relay.
  if (event.source !== window) return;
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
