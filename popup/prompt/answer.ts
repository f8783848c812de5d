/** Sends the user's answer to the worker; while it travels every button of the prompt is disabled. */

import { t } from '../../src/i18n/messages.ts';
import type { send } from '../../src/messages/client.ts';
import { messageOf } from '../format.ts';
import { postAnswer } from '../worker-port.ts';
import type { PinField } from './pin-field.ts';

export type Decision = Parameters<typeof send<'prompt/answer'>>[1]['decision'];

export interface AnswerContext {
  root: HTMLElement;
  promptId: string;
  /** Where the worker's refusal (a wrong PIN, say) is shown. */
  error: HTMLElement;
  /** Takes a refused PIN's message under the field, and is selected so the user can type it again. */
  pin: PinField | undefined;
  /** After an answer was accepted: show the next prompt, or close when `remaining` is 0. */
  answered(remaining: number): void;
}

export async function sendAnswer(context: AnswerContext, decision: Decision): Promise<void> {
  const { root, error } = context;
  setBusy(root, true);
  error.textContent = '';
  try {
    const res = await postAnswer({ promptId: context.promptId, decision });
    if (res.ok) {
      context.answered(res.remaining);
      return;
    }
    if (context.pin && res.retriesLeft !== undefined) context.pin.refused(res.error);
    else error.textContent = res.error;
    context.pin?.input.select();
  } catch (e) {
    error.textContent = t('prompt_sendFailed', messageOf(e));
  }
  setBusy(root, false);
}

function setBusy(root: HTMLElement, on: boolean): void {
  for (const b of root.querySelectorAll('button')) b.disabled = on;
}
