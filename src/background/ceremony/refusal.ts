/**
 * How a request that did not get the user's yes ends, as the authenticator's errors: the user's
 * answer (cancel, hand back) or what ended it (the deadline, the page's abort). Shared by the prompt's
 * gate and the autofill gate; no extension API here, so both stay testable.
 */
import { AuthenticatorError } from '../../authenticator/errors.ts';
import type { PromptAnswer } from './prompts.ts';

export function refuse(answer: PromptAnswer): never {
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

/** The answer a request gets when its signal ended it. */
export function reasonOf(signal: AbortSignal): PromptAnswer {
  return { type: signal.reason === 'timeout' ? 'timeout' : 'abort' };
}

/** The authenticator error for a request its signal ended (the deadline, or the page's abort). */
export function endedBy(signal: AbortSignal): never {
  refuse(reasonOf(signal));
}
