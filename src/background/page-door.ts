/**
 * Front door A: requests from the page script, through the isolated-world relay, on one runtime Port
 * per request. The caller's origin is `sender.origin` (the browser's word); the frame facts come from
 * the relay's isolated world; nothing the page wrote decides who is asking.
 */
import type browser from 'webextension-polyfill';
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
const running = new Map<string, { port: browser.Runtime.Port; timer: ReturnType<typeof setTimeout> }>();

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

type Caller = { ok: true; caller: CallerContext } | { ok: false; outcome: CeremonyOutcome };

/** WebAuthn L3 §5.1.3 step 2 / §5.1.4.1 step 2 and CredMan's permissions-policy check. */
function callerFor(origin: string, frameId: number, kind: CeremonyKind, frame: FrameFacts): Caller {
  const denied = (message: string): Caller => ({
    ok: false,
    outcome: { type: 'error', name: 'NotAllowedError', message },
  });
  if (!frame.permissionsPolicyAllows) {
    return denied(
      `The 'publickey-credentials-${kind}' feature is not enabled in this document. ` +
        'A cross-origin frame needs allow="publickey-credentials-' +
        `${kind}" from its embedder.`,
    );
  }
  // A top-level document has no ancestors, whatever the relay says.
  const ancestors = frameId === 0 ? [] : frame.ancestorOrigins;
  const sameOriginWithAncestors = ancestors.every((a) => a === origin);
  if (!sameOriginWithAncestors && kind === 'create' && !frame.hasTransientActivation) {
    return denied(
      'Creating a credential in a cross-origin frame needs a user gesture (transient activation).',
    );
  }
  const caller: CallerContext = { origin, sameOriginWithAncestors };
  if (!sameOriginWithAncestors) caller.topOrigin = ancestors[ancestors.length - 1]!;
  return { ok: true, caller };
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
    await updateSession(REQUESTS_KEY, {} as Record<string, RequestRecord>, (all) => ({
      value: { ...all, [requestId]: record },
      result: undefined,
    }));
  }

  const checked = callerFor(origin, frameId, message.kind, message.frame);
  if (!checked.ok) {
    await forget(requestId);
    reply(port, requestId, checked.outcome);
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
  running.set(requestId, { port, timer });

  const outcome = await runCeremony({
    requestId,
    kind: message.kind,
    options: message.options,
    caller: checked.caller,
    deadline,
  });
  if (!running.has(requestId)) return;
  await forget(requestId);
  reply(port, requestId, outcome);
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
