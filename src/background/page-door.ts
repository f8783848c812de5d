/**
 * Front door A: requests from the page script, through the isolated-world relay, on one runtime Port
 * per request. The caller's origin is `sender.origin` (the browser's word); the frame facts come from
 * the relay's isolated world; nothing the page wrote decides who is asking.
 */
import type browser from 'webextension-polyfill';
import { callerContext } from '../client/caller.ts';
import { WebAuthnError } from '../client/errors.ts';
import type { CallerContext } from '../client/types.ts';
import { isRelayToWorker } from '../messages/guards.ts';
import type { CeremonyKind, CeremonyOutcome, FrameFacts, WorkerToRelay } from '../messages/protocol.ts';
import { answerPrompt } from './prompts.ts';
import { runCeremony, timeoutOf } from './router.ts';
import { readSession, updateSession } from './session-state.ts';

/** What a restarted worker needs to accept a `resume` for the same request. */
interface RequestRecord {
  requestId: string;
  tabId: number;
  frameId: number;
  origin: string;
  deadline: number;
}

const REQUESTS_KEY = 'requests';
const running = new Map<
  string,
  { port: browser.Runtime.Port; timer: ReturnType<typeof setTimeout>; tabId: number; frameId: number }
>();

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

async function forget(requestId: string): Promise<void> {
  const entry = running.get(requestId);
  if (entry) clearTimeout(entry.timer);
  running.delete(requestId);
  await updateSession(REQUESTS_KEY, {} as Record<string, RequestRecord>, (all) => {
    const { [requestId]: _, ...rest } = all;
    return { value: rest, result: undefined };
  });
}

async function start(
  port: browser.Runtime.Port,
  message: {
    type: 'begin' | 'resume';
    requestId: string;
    kind: CeremonyKind;
    options: unknown;
    frame: FrameFacts;
  },
): Promise<void> {
  const sender = port.sender;
  const origin = senderOrigin(sender);
  const tabId = sender?.tab?.id;
  const frameId = sender?.frameId ?? 0;
  const { requestId } = message;
  if (!origin || origin === 'null' || tabId === undefined) {
    reply(port, requestId, {
      type: 'error',
      name: 'NotAllowedError',
      message: 'This document cannot use WebAuthn.',
    });
    return;
  }
  if (running.has(requestId)) return;
  // One request at a time per document, as browsers do: a page cannot pile up prompts.
  if ([...running.values()].some((r) => r.tabId === tabId && r.frameId === frameId)) {
    reply(port, requestId, {
      type: 'error',
      name: 'NotAllowedError',
      message: 'A request is already pending.',
    });
    return;
  }

  let deadline = Date.now() + timeoutOf(message.options);
  const record: RequestRecord = { requestId, tabId, frameId, origin, deadline };
  if (message.type === 'resume') {
    const known = (await readSession<Record<string, RequestRecord>>(REQUESTS_KEY, {}))[requestId];
    // A resume must come from the same document that began it, and in time.
    if (!known || known.tabId !== tabId || known.frameId !== frameId || known.origin !== origin) {
      reply(port, requestId, {
        type: 'error',
        name: 'NotAllowedError',
        message: 'The request is no longer pending.',
      });
      return;
    }
    deadline = known.deadline;
  } else {
    // Written behind: only a worker restart minutes from now needs it, not this ceremony.
    void updateSession(REQUESTS_KEY, {} as Record<string, RequestRecord>, (all) => ({
      value: { ...all, [requestId]: record },
      result: undefined,
    }));
  }

  let caller: CallerContext;
  try {
    caller = callerContext(origin, frameId === 0, message.kind, message.frame);
  } catch (e) {
    const name = e instanceof WebAuthnError ? e.name : 'NotAllowedError';
    reply(port, requestId, { type: 'error', name, message: e instanceof Error ? e.message : 'Not allowed.' });
    await forget(requestId);
    return;
  }

  const timer = setTimeout(
    () => {
      void answerPrompt(requestId, { type: 'timeout' }).then((had) => {
        if (!had && running.has(requestId)) {
          void forget(requestId);
          reply(port, requestId, {
            type: 'error',
            name: 'NotAllowedError',
            message: 'The request timed out.',
          });
        }
      });
    },
    Math.max(0, deadline - Date.now()),
  );
  running.set(requestId, { port, timer, tabId, frameId });

  const outcome = await runCeremony({
    requestId,
    kind: message.kind,
    options: message.options,
    caller,
    deadline,
  });
  if (!running.has(requestId)) return;
  // Answer the page first; the bookkeeping can follow.
  reply(port, requestId, outcome);
  await forget(requestId);
}

export function handleCeremonyPort(port: browser.Runtime.Port): void {
  const mine = new Set<string>();
  port.onMessage.addListener((message: unknown) => {
    if (!isRelayToWorker(message)) return;
    if (message.type === 'begin' || message.type === 'resume') {
      mine.add(message.requestId);
      void start(port, message);
    } else if (message.type === 'abort' && mine.has(message.requestId)) {
      void answerPrompt(message.requestId, { type: 'abort' });
      void forget(message.requestId);
    }
  });
  // Tab closed or navigated: its prompts go away with it.
  port.onDisconnect.addListener(() => {
    for (const requestId of mine) {
      if (running.get(requestId)?.port === port) {
        void answerPrompt(requestId, { type: 'abort' });
        void forget(requestId);
      }
    }
  });
}
