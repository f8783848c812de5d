/**
 * Front door A: requests from the page script, through the isolated-world relay, on one runtime Port
 * per request. The caller's origin is `sender.origin` (the browser's word); the frame facts come from
 * the relay's isolated world; nothing the page wrote decides who is asking.
 *
 * Each request lives in `running` from its first message until its ceremony settles, with one
 * AbortController: an abort, a closed tab or the deadline aborts the ceremony wherever it is. Every
 * request is answered by its deadline whatever fails in between: the ceremony is raced against the
 * deadline, and an unexpected failure is answered as NotAllowedError.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { timeoutOf } from '../../client/adjust-timeout.ts';
import { callerContext } from '../../client/caller.ts';
import { WebAuthnError } from '../../client/errors.ts';
import type { CallerContext } from '../../client/types.ts';
import { isRelayToWorker } from '../../messages/guards.ts';
import type { CeremonyOutcome, RelayToWorker, WorkerToRelay } from '../../messages/protocol.ts';
import { toBase64url, utf8 } from '../../shared/bytes.ts';
import type { CeremonyRequest, Router } from './router.ts';

/** What a restarted worker needs to accept a `resume` for the same request. */
export interface RequestRecord {
  requestId: string;
  tabId: number;
  frameId: number;
  origin: string;
  deadline: number;
  /** SHA-256 of the request's kind, origin and options: a resume must ask exactly the same. */
  digest: string;
}

/** Where request records outlive the worker (storage.session in the extension; memory in tests). */
export interface RequestRecords {
  get(requestId: string): Promise<RequestRecord | undefined>;
  put(record: RequestRecord): Promise<void>;
  delete(requestId: string): Promise<void>;
}

/** The part of a runtime Port the door uses. */
export interface DoorPort {
  sender?: {
    origin?: string;
    url?: string;
    frameId?: number;
    tab?: { id?: number; active?: boolean; windowId?: number };
  };
  postMessage(message: WorkerToRelay): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

export interface PageDoorDeps {
  route: Router;
  records: RequestRecords;
  /** After a request settled and the page has its answer (the badge, the prompt window, the focus). */
  settled?: (at: { tabId: number; windowId?: number }) => void;
  /**
   * Before the page is told to ask the browser instead: the browser's own WebAuthn UI needs the
   * page's window in front, so the prompt window must be gone and the focus back first.
   */
  beforeHandBack?: (at: { tabId: number; windowId?: number }) => Promise<void>;
}

interface Running {
  port: DoorPort;
  tabId: number;
  windowId?: number;
  frameId: number;
  origin: string;
  /** requestDigest of the begin: a resume while it runs must ask the same. */
  digest: string;
  controller: AbortController;
  /** Passkey autofill: waits for the user without a prompt, and gives way to a modal request. */
  conditional: boolean;
  /** Its record is this request's own (a begin, or a resume that matched it): it goes when it ends. */
  ownsRecord?: boolean;
}

/** How long `whenAnswered` waits for the relay to let go of its port after the answer was posted. */
const RECEIPT_WAIT_MS = 1_000;

/**
 * WebAuthn L3 §5.1.4.1: a conditional request has no lifetime timer (Chrome ignores its timeout);
 * it lasts until the page aborts it or the user chooses. Stored as a number, unlike Infinity.
 */
const NO_DEADLINE = Number.MAX_SAFE_INTEGER;

/** A relay's `begin` or `resume`. */
type StartMessage = Extract<RelayToWorker, { type: 'begin' | 'resume' }>;

/** Binds a request's record (and so the user's answer to its prompt) to what it asks. */
function requestDigest(message: StartMessage, origin: string): string {
  const { kind, options, mediation } = message;
  return toBase64url(sha256(utf8(JSON.stringify([kind, origin, options, mediation ?? null]))));
}

const notAllowed = (message: string): CeremonyOutcome => ({
  type: 'error',
  name: 'NotAllowedError',
  message,
});

/** The caller's origin as the browser reports it: sender.origin, else the origin of sender.url. */
export function senderOrigin(sender: DoorPort['sender']): string | undefined {
  if (!sender) return undefined;
  if (sender.origin) return sender.origin;
  try {
    return sender.url ? new URL(sender.url).origin : undefined;
  } catch {
    return undefined;
  }
}

function reply(port: DoorPort, requestId: string, outcome: CeremonyOutcome): void {
  try {
    port.postMessage({ ...outcome, requestId });
  } catch {
    // The tab went away; nobody is waiting.
  }
}

/** Settles when the signal aborts: the deadline answers even a ceremony stuck somewhere. */
function aborted(signal: AbortSignal): Promise<CeremonyOutcome> {
  return new Promise((resolve) => {
    const settle = () => resolve(notAllowed('The operation either timed out or was not allowed.'));
    if (signal.aborted) settle();
    else signal.addEventListener('abort', settle, { once: true });
  });
}

export interface PageDoor {
  connect(port: DoorPort): void;
  /** The requests running now, by ID. */
  running(): string[];
  /**
   * Settles once the relay has the request's answer: it lets go of the request's port as soon as it
   * has passed the answer to the page (at once when nothing runs under that ID; at most
   * RECEIPT_WAIT_MS after the answer was posted). The prompt closes its window only then: a window
   * closing while the answer travelled delayed it by about 15 ms.
   */
  whenAnswered(requestId: string): Promise<void>;
}

export function createPageDoor(deps: PageDoorDeps): PageDoor {
  const running = new Map<string, Running>();
  /** Requests whose relay has not had their answer yet, from begin until it has (or will not). */
  const unanswered = new Map<string, { promise: Promise<void>; settle: () => void }>();

  function expectAnswer(requestId: string): { settle: () => void; received: Promise<void> } {
    let settle: () => void = () => undefined;
    const promise: Promise<void> = new Promise<void>((resolve) => {
      settle = () => {
        if (unanswered.get(requestId)?.promise === promise) unanswered.delete(requestId);
        resolve();
      };
    });
    unanswered.set(requestId, { promise, settle });
    return { settle, received: promise };
  }

  const abortRequest = (requestId: string, reason: 'abort' | 'timeout') =>
    running.get(requestId)?.controller.abort(reason);

  /** The request's deadline: remembered from `begin`, or the record a resume must match. */
  async function deadlineOf(message: StartMessage, at: Pick<RequestRecord, 'tabId' | 'frameId' | 'origin'>) {
    const { requestId } = message;
    const digest = requestDigest(message, at.origin);
    if (message.type === 'begin') {
      const deadline =
        message.mediation === 'conditional' ? NO_DEADLINE : Date.now() + timeoutOf(message.options);
      const record: RequestRecord = { requestId, ...at, deadline, digest };
      const written = deps.records.put(record).catch(() => undefined);
      // An autofill request waits for the user without end, so it is the one a restarted worker
      // resumes most: its record is stored before its offer goes out, and a worker stopped at any
      // moment after that finds it. A modal request's is written behind, so its prompt never waits
      // for storage; only a restart within those few milliseconds would miss it.
      if (message.mediation === 'conditional') await written;
      return record.deadline;
    }
    const known = await deps.records.get(requestId);
    // A resume must come from the same document that began it, and ask the same: an answer the user
    // gave is bound to the request it was given for.
    const same =
      known?.tabId === at.tabId &&
      known.frameId === at.frameId &&
      known.origin === at.origin &&
      known.digest === digest;
    if (!same) return undefined;
    return known.deadline;
  }

  async function ceremony(message: StartMessage, entry: Running, origin: string): Promise<CeremonyOutcome> {
    const { requestId, kind } = message;
    const deadline = await deadlineOf(message, { tabId: entry.tabId, frameId: entry.frameId, origin });
    if (deadline === undefined) return notAllowed('The request is no longer pending.');
    entry.ownsRecord = true;
    let caller: CallerContext;
    try {
      caller = callerContext(origin, entry.frameId === 0, kind, message.frame);
    } catch (e) {
      const name = e instanceof WebAuthnError ? e.name : 'NotAllowedError';
      return { type: 'error', name, message: e instanceof Error ? e.message : 'Not allowed.' };
    }
    const { signal } = entry.controller;
    const timer =
      deadline === NO_DEADLINE
        ? undefined
        : setTimeout(() => abortRequest(requestId, 'timeout'), Math.max(0, deadline - Date.now()));
    try {
      const { tabId, windowId } = entry;
      const request: CeremonyRequest = {
        requestId,
        kind,
        options: message.options,
        caller,
        deadline,
        signal,
        tabId,
        windowId,
      };
      if (entry.conditional) {
        // The offer's token goes to whichever port the relay holds now (it may have reconnected).
        const announce = (token: string) => {
          try {
            entry.port.postMessage({ type: 'offer', requestId, token });
          } catch {
            // The tab went away; its disconnect aborts the request.
          }
        };
        request.autofill = { tabId: entry.tabId, announce };
      }
      return await Promise.race([deps.route(request), aborted(signal)]);
    } finally {
      clearTimeout(timer);
    }
  }

  async function start(port: DoorPort, message: StartMessage): Promise<void> {
    const { sender } = port;
    const origin = senderOrigin(sender);
    const tabId = sender?.tab?.id;
    // Chrome sets frameId whenever it sets tab; without one, the frame cannot be told from the top
    // level one, so nothing is assumed (a missing id read as 0 would skip the ancestor checks).
    const frameId = sender?.frameId;
    const { requestId } = message;
    if (!origin || origin === 'null' || tabId === undefined || frameId === undefined) {
      reply(port, requestId, notAllowed('This document cannot use WebAuthn.'));
      return;
    }
    const existing = running.get(requestId);
    const digest = requestDigest(message, origin);
    if (existing) {
      // The relay reconnected while this request still runs: its answer goes to the new port, if the
      // resume comes from the document that began it and asks the same (as a resume after a restart
      // must, in deadlineOf).
      const same =
        existing.tabId === tabId &&
        existing.frameId === frameId &&
        existing.origin === origin &&
        existing.digest === digest;
      if (message.type === 'resume' && same) {
        existing.port = port;
        if (existing.controller.signal.aborted)
          reply(port, requestId, notAllowed('The request was cancelled.'));
      } else reply(port, requestId, notAllowed('A request is already pending.'));
      return;
    }
    // One request at a time per tab: neither a page nor its frames can pile up prompts (N iframes
    // would otherwise queue N). An aborted one that is still settling does not count (libraries
    // abort and ask again at once).
    const conditional = message.mediation === 'conditional';
    const busy = (r: Running) => r.tabId === tabId && !r.controller.signal.aborted;
    // A modal request takes over from a pending autofill request in the same tab (a site's "Sign in
    // with a passkey" button while its autofill waits): the autofill one ends with NotAllowedError.
    if (!conditional) {
      for (const r of running.values()) if (busy(r) && r.conditional) r.controller.abort('superseded');
    }
    if ([...running.values()].some(busy)) {
      reply(port, requestId, notAllowed('A request is already pending.'));
      return;
    }
    // Autofill shows nothing until the user focuses a sign-in field, so it may start hidden or
    // unfocused (a page load in a background tab); a prompt may not.
    if (message.type === 'begin' && !conditional) {
      // Only the tab the user is looking at may pop up a prompt: a background tab or a hidden document
      // could otherwise put one in front of the user at a moment of its choosing (keyjacking).
      if (sender?.tab?.active === false || !message.frame.documentVisible) {
        reply(port, requestId, notAllowed('The document is not visible: WebAuthn needs the tab in front.'));
        return;
      }
      // As Chrome requires: the document has the focus, or the user has just interacted with it. A
      // page in a window the user is not using cannot put a prompt in front of them when it chooses.
      if (!message.frame.documentFocused && !message.frame.hasTransientActivation) {
        reply(port, requestId, notAllowed('The document is not focused.'));
        return;
      }
    }
    const receipt = expectAnswer(requestId);
    const entry: Running = {
      port,
      tabId,
      frameId,
      origin,
      digest,
      controller: new AbortController(),
      conditional,
    };
    if (sender?.tab?.windowId !== undefined) entry.windowId = sender.tab.windowId;
    running.set(requestId, entry);
    let outcome: CeremonyOutcome;
    try {
      outcome = await ceremony(message, entry, origin);
    } catch (e) {
      // Whatever failed, the page hears back; the message says nothing of internals.
      console.error('Tapkey: request failed', e instanceof Error ? `${e.name}: ${e.message}` : typeof e);
      outcome = notAllowed('The security key could not complete the request.');
    }
    running.delete(requestId);
    const at = entry.windowId === undefined ? { tabId } : { tabId, windowId: entry.windowId };
    if (outcome.type === 'fallback') await deps.beforeHandBack?.(at).catch(() => undefined);
    // The page aborted: it already rejected with its signal's reason and listens no more.
    if (entry.controller.signal.reason !== 'abort') {
      reply(entry.port, requestId, outcome);
      // The relay disconnects once the answer is with the page (relay-request.ts finish).
      entry.port.onDisconnect.addListener(receipt.settle);
      setTimeout(receipt.settle, RECEIPT_WAIT_MS);
    } else receipt.settle();
    // The prompt window goes and the focus returns only once the page has its answer (see whenAnswered).
    if (deps.settled) void receipt.received.then(() => deps.settled?.(at));
    // A refused resume leaves the record alone: it may belong to a request another document runs.
    if (entry.ownsRecord) await deps.records.delete(requestId).catch(() => undefined);
  }

  function connect(port: DoorPort): void {
    const mine = new Set<string>();
    port.onMessage.addListener((message: unknown) => {
      if (!isRelayToWorker(message)) return;
      if (message.type === 'begin' || message.type === 'resume') {
        mine.add(message.requestId);
        void start(port, message);
      } else if (message.type === 'abort' && mine.has(message.requestId)) {
        abortRequest(message.requestId, 'abort');
      }
    });
    // Tab closed or navigated: its requests, and their prompts, go away with it. A relay that only
    // lost its worker reconnects and resumes on a new port before this matters.
    port.onDisconnect.addListener(() => {
      for (const requestId of mine) {
        if (running.get(requestId)?.port === port) abortRequest(requestId, 'abort');
      }
    });
  }

  return {
    connect,
    running: () => [...running.keys()],
    whenAnswered: (requestId) => unanswered.get(requestId)?.promise ?? Promise.resolve(),
  };
}
