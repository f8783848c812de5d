/**
 * Isolated-world relay, a standalone IIFE at document_start in every frame, listening before any page
 * script runs. It forwards a page's request to the service worker on its own runtime Port, adds facts
 * the page cannot forge (ancestor origins, permissions policy, user activation), passes aborts on, and
 * reconnects with the same request ID if the worker is stopped while the user decides.
 */
import browser from 'webextension-polyfill';
import { isPageRequestMessage } from '../messages/guards.ts';
import type {
  CeremonyKind,
  CeremonyOutcome,
  FrameFacts,
  RelayToWorker,
  WorkerToRelay,
} from '../messages/protocol.ts';
import { CEREMONY_PORT } from '../messages/protocol.ts';

const KEEPALIVE_MS = 20_000;
const MAX_RECONNECTS = 5;

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
  };
}

function relay(kind: CeremonyKind, options: unknown, pagePort: MessagePort): void {
  const requestId = crypto.randomUUID();
  const frame = frameFacts(kind);
  let done = false;
  let reconnects = 0;
  let port: browser.Runtime.Port | undefined;
  let keepalive: ReturnType<typeof setInterval> | undefined;

  const finish = (outcome: CeremonyOutcome) => {
    if (done) return;
    done = true;
    clearInterval(keepalive);
    pagePort.postMessage(outcome);
    pagePort.close();
    port?.disconnect();
  };

  const connect = (type: 'begin' | 'resume') => {
    try {
      port = browser.runtime.connect({ name: CEREMONY_PORT });
    } catch {
      // The extension was updated or removed under this page: let the browser answer instead.
      finish({ type: 'fallback' });
      return;
    }
    port.onMessage.addListener((message: unknown) => {
      const m = message as WorkerToRelay;
      if (m.requestId === requestId) {
        const { requestId: _, ...outcome } = m;
        finish(outcome as CeremonyOutcome);
      }
    });
    port.onDisconnect.addListener(() => {
      if (done) return;
      // The worker was stopped (idle timeout, update, crash) before answering: ask again.
      if (reconnects++ < MAX_RECONNECTS) connect('resume');
      else
        finish({ type: 'error', name: 'NotAllowedError', message: 'The security key stopped responding.' });
    });
    const first: RelayToWorker = { type, requestId, kind, options, frame };
    port.postMessage(first);
  };

  pagePort.onmessage = (event: MessageEvent) => {
    if ((event.data as { type?: unknown } | null)?.type === 'abort' && !done) {
      done = true;
      clearInterval(keepalive);
      port?.postMessage({ type: 'abort', requestId } satisfies RelayToWorker);
      port?.disconnect();
    }
  };
  connect('begin');
  keepalive = setInterval(() => port?.postMessage({ type: 'ping' } satisfies RelayToWorker), KEEPALIVE_MS);
}

window.addEventListener('message', (event: MessageEvent) => {
  // Only this window's own page script (or page) talks to us; frames post to their own relay.
  if (event.source !== window || !isPageRequestMessage(event.data)) return;
  const pagePort = event.ports[0];
  if (!pagePort) return;
  relay(event.data.kind, event.data.options, pagePort);
});
