/** The authenticator's UserGate port: a prompt in the popup, answered by the user's tap. */
import { AuthenticatorError } from '../authenticator/errors.ts';
import type { CredentialSummary, UserGate } from '../authenticator/ports.ts';
import type { PromptContext } from '../authenticator/types.ts';
import type { CredentialSummaryView } from '../messages/views.ts';
import { toBase64url } from '../shared/bytes.ts';
import { showPopup } from './popup-window.ts';
import {
  answerPrompt,
  ensurePrompt,
  type PromptAnswer,
  type PromptState,
  updateBadge,
  waitForAnswer,
} from './prompts.ts';

export function summaryView(c: CredentialSummary): CredentialSummaryView {
  return {
    id: toBase64url(c.credentialId),
    rpId: c.rpId,
    rpName: c.rpName,
    userName: c.userName,
    userDisplayName: c.userDisplayName,
    discoverable: c.discoverable,
    alg: c.alg,
    signCount: c.signCount,
    createdAt: c.createdAt,
    lastUsedAt: c.lastUsedAt,
  };
}

function refuse(answer: PromptAnswer): never {
  switch (answer.type) {
    case 'fallback':
      throw new AuthenticatorError('USER_CHOSE_PLATFORM', 'handed to the browser');
    case 'timeout':
      throw new AuthenticatorError('CTAP2_ERR_USER_ACTION_TIMEOUT', 'the request timed out');
    case 'abort':
      throw new AuthenticatorError('CTAP2_ERR_KEEPALIVE_CANCEL', 'the page aborted the request');
    default:
      throw new AuthenticatorError('CTAP2_ERR_OPERATION_DENIED', 'the user cancelled');
  }
}

function reasonOf(signal: AbortSignal): PromptAnswer {
  return { type: signal.reason === 'timeout' ? 'timeout' : 'abort' };
}

/** The fields of a prompt that differ between create and get; the rest come from the request. */
type PromptFields = Omit<PromptState, 'promptId' | 'origin' | 'topOrigin' | 'deadline' | 'answer'>;

async function ask(
  context: PromptContext,
  fields: PromptFields,
  deadline: number,
  signal: AbortSignal,
): Promise<PromptAnswer> {
  if (signal.aborted) return reasonOf(signal);
  const prompt: PromptState = { ...fields, promptId: context.requestId, origin: context.origin, deadline };
  if (context.topOrigin) prompt.topOrigin = context.topOrigin;
  await ensurePrompt(prompt);
  // Aborted while the prompt was being queued, or later while it waits: answer (and so remove) it.
  const onAbort = () => void answerPrompt(prompt.promptId, reasonOf(signal));
  if (signal.aborted) onAbort();
  else signal.addEventListener('abort', onAbort, { once: true });
  // Neither the popup opening nor the badge may hold up the answer: an answer given meanwhile is
  // recorded in the prompt and found by waitForAnswer.
  void showPopup();
  void updateBadge();
  const answer = await waitForAnswer(prompt.promptId);
  signal.removeEventListener('abort', onAbort);
  // After the ceremony's own work, not during it.
  setTimeout(() => void updateBadge(), 40);
  return answer;
}

/** `signal` carries the request's abort and deadline; the prompt's own deadline is shown to the user. */
export function popupGate(signal: AbortSignal, deadline: number): UserGate {
  return {
    async approveMakeCredential(request) {
      const answer = await ask(
        request.prompt,
        {
          kind: 'create',
          rpId: request.rp.id,
          rpName: request.rp.name,
          user: request.user,
          candidates: [],
          excluded: request.excluded,
          uv: request.uv,
        },
        deadline,
        signal,
      );
      if (answer.type !== 'approve') refuse(answer);
      return { userVerified: answer.userVerified };
    },
    async approveGetAssertion(request) {
      const answer = await ask(
        request.prompt,
        {
          kind: 'get',
          rpId: request.rpId,
          candidates: request.candidates.map(summaryView),
          excluded: false,
          uv: request.uv,
        },
        deadline,
        signal,
      );
      if (answer.type !== 'approve') refuse(answer);
      const chosen = request.candidates.find((c) => toBase64url(c.credentialId) === answer.credentialId);
      if (!chosen) throw new AuthenticatorError('CTAP2_ERR_NO_CREDENTIALS', 'no credential was chosen');
      return { credentialId: chosen.credentialId, userVerified: answer.userVerified };
    },
  };
}
