/**
 * Front door A: requests from the page script, through the isolated-world relay, on one runtime Port
 * per request. The caller's origin is `sender.origin` (the browser's word); the frame facts come from
 * the relay's isolated world; nothing the page wrote decides who is asking.
 *
 * Each request lives in `running` from its first message until its ceremony settles, with one
 * AbortController: an abort, a closed tab or the deadline aborts the ceremony wherever it is (before
 * its prompt exists, while it waits, or not at all once approved), so no prompt outlives its request.
 */
import type browser from 'webextension-polyfill';
import { callerContext } from '../../client/caller.ts';
import { WebAuthnError } from '../../client/errors.ts';
import { adjustTimeout } from '../../client/parse-options.ts';
import type { CallerContext } from '../../client/types.ts';
import { isRelayToWorker } from '../../messages/guards.ts';
import type { CeremonyOutcome, RelayToWorker, WorkerToRelay } from '../../messages/protocol.ts';
import { readSession, updateSession } from '../session-state.ts';
import { updateBadge } from './prompts.ts';
import type { Router } from './router.ts';

/** What a restarted worker needs to accept a `resume` for the same request. */
interface RequestRecord {
  requestId: string;
  tabId: number;
  frameId: number;
  origin: string;
  deadline: number;
}

interface Running {
  port: browser.Runtime.Port;
  tabId: number;
  frameId: number;
  controller: AbortController;
  timer?: ReturnType<typeof setTimeout>;
}

/** A relay's `begin` or `resume`. */
type StartMessage = Extract<RelayToWorker, { type: 'begin' | 'resume' }>;

const REQUESTS_KEY = 'requests';
const running = new Map<string, Running>();

/** WebAuthn L3 §5.1.3 step 4: the page's timeout as the client clamps it, for the worker's own timer. */
function timeoutOf(options: unknown): number {
  return adjustTimeout(
    typeof options === 'object' && options !== null ? (options as { timeout?: unknown }).timeout : undefined,
  );
}

function senderOrigin(sender: browser.Runtime.MessageSender | undefined): string | undefined {
  if (!sender) return undefined;
  // Chrome 80+ sets sender.origin; the polyfill's types predate it.
  const origin = (sender as { origin?: string }).origin;
  if (origin) return origin;
  try {
    return sender.url ? new URL(sender.url).origin : undefined;
  } catch {
    return undefined;
  }
}

function reply(port: browser.Runtime.Port, requestId: string, outcome: CeremonyOutcome): void {
  const message: WorkerToRelay = { ...outcome, requestId };
  try {
    port.postMessage(message);
  } catch {
    // The tab went away; nobody is waiting.
  }
}

const refuse = (port: browser.Runtime.Port, requestId: string, message: string) =>
  reply(port, requestId, { type: 'error', name: 'NotAllowedError', message });

function forgetRecord(requestId: string): Promise<void> {
  return updateSession(REQUESTS_KEY, {} as Record<string, RequestRecord>, (all) => {
    const { [requestId]: _, ...rest } = all;
    return { value: rest, result: undefined };
  });
}

/** Aborts a running request (page abort, closed tab, deadline); its ceremony then settles by itself. */
function abortRequest(requestId: string, reason: 'abort' | 'timeout'): void {
  running.get(requestId)?.controller.abort(reason);
}

async function start(port: browser.Runtime.Port, message: StartMessage, route: Router): Promise<void> {
  const sender = port.sender;
  const origin = senderOrigin(sender);
  const tabId = sender?.tab?.id;
  const frameId = sender?.frameId ?? 0;
  const { requestId } = message;
  if (!origin || origin === 'null' || tabId === undefined) {
    refuse(port, requestId, 'This document cannot use WebAuthn.');
    return;
  }
  const existing = running.get(requestId);
  if (existing) {
    // A resume while the old run is still settling: answer rather than leave the page hanging.
    if (existing.controller.signal.aborted) refuse(port, requestId, 'The request was cancelled.');
    return;
  }
  // One request at a time per document, as browsers do: a page cannot pile up prompts. An aborted
  // one that is still settling does not count (libraries abort and ask again at once).
  const busy = (r: Running) => r.tabId === tabId && r.frameId === frameId && !r.controller.signal.aborted;
  if ([...running.values()].some(busy)) {
    refuse(port, requestId, 'A request is already pending.');
    return;
  }
  // Only the tab the user is looking at may pop up a prompt: a background tab or a hidden document
  // could otherwise put one in front of the user at a moment of its choosing (keyjacking). Focus itself
  // is not required, unlike Chrome's own dialog, because our prompt takes it and requests must queue.
  if (message.type === 'begin' && (sender?.tab?.active === false || !message.frame.documentVisible)) {
    refuse(port, requestId, 'The document is not visible: WebAuthn needs the tab in front.');
    return;
  }
  const entry: Running = { port, tabId, frameId, controller: new AbortController() };
  running.set(requestId, entry);
  try {
    const outcome = await ceremony(message, { origin, tabId, frameId, entry }, route);
    // Answer the page first; the bookkeeping can follow.
    if (outcome) reply(port, requestId, outcome);
  } finally {
    clearTimeout(entry.timer);
    running.delete(requestId);
    // After the page has its answer: the badge counts the prompts still waiting.
    void updateBadge();
    await forgetRecord(requestId);
  }
}

async function ceremony(
  message: StartMessage,
  at: { origin: string; tabId: number; frameId: number; entry: Running },
  route: Router,
): Promise<CeremonyOutcome | undefined> {
  const { requestId } = message;
  let deadline = Date.now() + timeoutOf(message.options);
  if (message.type === 'resume') {
    const known = (await readSession<Record<string, RequestRecord>>(REQUESTS_KEY, {}))[requestId];
    // A resume must come from the same document that began it.
    if (!known || known.tabId !== at.tabId || known.frameId !== at.frameId || known.origin !== at.origin) {
      return { type: 'error', name: 'NotAllowedError', message: 'The request is no longer pending.' };
    }
    deadline = known.deadline;
  } else {
    // Written behind: only a worker restart minutes from now needs it, not this ceremony.
    const record: RequestRecord = {
      requestId,
      tabId: at.tabId,
      frameId: at.frameId,
      origin: at.origin,
      deadline,
    };
    void updateSession(REQUESTS_KEY, {} as Record<string, RequestRecord>, (all) => ({
      value: { ...all, [requestId]: record },
      result: undefined,
    }));
  }

  let caller: CallerContext;
  try {
    caller = callerContext(at.origin, at.frameId === 0, message.kind, message.frame);
  } catch (e) {
    const name = e instanceof WebAuthnError ? e.name : 'NotAllowedError';
    return { type: 'error', name, message: e instanceof Error ? e.message : 'Not allowed.' };
  }

  at.entry.timer = setTimeout(() => abortRequest(requestId, 'timeout'), Math.max(0, deadline - Date.now()));
  const outcome = await route({
    requestId,
    kind: message.kind,
    options: message.options,
    caller,
    deadline,
    signal: at.entry.controller.signal,
  });
  // The page aborted: it already rejected with its signal's reason and listens no more.
  if (at.entry.controller.signal.reason === 'abort') return undefined;
  return outcome;
}

export function handleCeremonyPort(port: browser.Runtime.Port, route: Router): void {
  const mine = new Set<string>();
  port.onMessage.addListener((message: unknown) => {
    if (!isRelayToWorker(message)) return;
    if (message.type === 'begin' || message.type === 'resume') {
      mine.add(message.requestId);
      void start(port, message, route);
    } else if (message.type === 'abort' && mine.has(message.requestId)) {
      abortRequest(message.requestId, 'abort');
    }
  });
  // Tab closed or navigated: its requests, and their prompts, go away with it.
  port.onDisconnect.addListener(() => {
    for (const requestId of mine) {
      if (running.get(requestId)?.port === port) abortRequest(requestId, 'abort');
    }
  });
}
