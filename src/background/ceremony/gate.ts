/**
 * The authenticator's UserGate port for one request: a prompt in the popup, answered by the user's
 * tap. Built per request with the caller it shows, so no origin ever passes through the authenticator.
 */
import type { UserGate } from '../../authenticator/ports.ts';
import type { UvRequirement } from '../../authenticator/types.ts';
import { knownHints } from '../../client/hints.ts';
import type { CallerContext } from '../../client/types.ts';
import { summaryView } from '../../messages/summary-view.ts';
import { fromBase64url } from '../../shared/bytes.ts';
import { showPrompt } from './prompt-surface.ts';
import {
  answerPrompt,
  ensurePrompt,
  type PromptAnswer,
  type PromptState,
  updateBadge,
  waitForAnswer,
} from './prompts.ts';
import { reasonOf, refuse } from './refusal.ts';

/** Who asks, for the prompt: the request (so a restarted worker finds its prompt) and its caller. */
export interface GateContext {
  requestId: string;
  caller: CallerContext;
  /** The request's deadline, shown to the user. */
  deadline: number;
  /** Carries the page's abort and the deadline: the prompt goes away at once. */
  signal: AbortSignal;
  /** The tab and window that asked. */
  tabId?: number;
  windowId?: number;
  /** The page's options, untrusted: only their hints are read here, for the prompt to show. */
  options: unknown;
  /** Whether the prompt will ask for the PIN (pinPolicy): an approval then carries user verification. */
  needsPin?: (uv: UvRequirement) => Promise<boolean>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The fields of a prompt that differ between create and get; the rest come from the context. */
type PromptFields = Omit<PromptState, 'promptId' | 'origin' | 'topOrigin' | 'deadline' | 'answer'>;

async function ask(context: GateContext, fields: PromptFields): Promise<PromptAnswer> {
  const { signal, caller } = context;
  if (signal.aborted) return reasonOf(signal);
  const prompt: PromptState = {
    ...fields,
    promptId: context.requestId,
    origin: caller.origin,
    deadline: context.deadline,
  };
  // WebAuthn L3 §5.8.7: hints only steer UI; unknown values are ignored.
  const hints = knownHints(isRecord(context.options) ? context.options.hints : undefined);
  if (hints.length > 0) prompt.hints = hints;
  if (caller.topOrigin) prompt.topOrigin = caller.topOrigin;
  // A restarted worker re-runs the ceremony: the user may have answered its prompt already.
  const queued = await ensurePrompt(prompt);
  // Aborted while the prompt was being queued, or later while it waits: answer (and so remove) it.
  const onAbort = () => void answerPrompt(prompt.promptId, reasonOf(signal));
  if (signal.aborted) onAbort();
  else signal.addEventListener('abort', onAbort, { once: true });
  // Neither the popup opening nor the badge may hold up the answer: an answer given meanwhile is
  // recorded in the prompt and found by waitForAnswer. One already given needs no window.
  if (!queued.answer) void showPrompt({ windowId: context.windowId });
  void updateBadge();
  const answer = await waitForAnswer(prompt.promptId);
  signal.removeEventListener('abort', onAbort);
  return answer;
}

export function promptGate(context: GateContext): UserGate {
  const { needsPin } = context;
  return {
    // The prompt asks for the PIN exactly when pinPolicy wants one, and a PIN it takes verifies.
    ...(needsPin ? { willVerify: needsPin } : {}),
    async approveMakeCredential(request) {
      const answer = await ask(context, {
        kind: 'create',
        rpId: request.rp.id,
        rpName: request.rp.name,
        user: request.user,
        candidates: [],
        excluded: request.excluded,
        uv: request.uv,
        ...(request.extensions ? { extensions: request.extensions } : {}),
      });
      if (answer.type !== 'approve') refuse(answer);
      // Approve is the user's tap; the authenticator checks both flags itself.
      return { userPresent: true, userVerified: answer.userVerified };
    },
    async approveGetAssertion(request) {
      const answer = await ask(context, {
        kind: 'get',
        rpId: request.rpId,
        candidates: request.candidates.map(summaryView),
        excluded: false,
        uv: request.uv,
        ...(request.extensions ? { extensions: request.extensions } : {}),
      });
      if (answer.type !== 'approve') refuse(answer);
      // The authenticator checks that the choice is one of the candidates.
      const credentialId = fromBase64url(answer.credentialId ?? '');
      return { credentialId, userPresent: true, userVerified: answer.userVerified };
    },
  };
}
