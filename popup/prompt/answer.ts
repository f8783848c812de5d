/** Sends the user's answer to the worker; while it travels the prompt takes no other answer. */

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

/** Prompts whose answer is travelling: a second click or key press sends nothing. */
const travelling = new WeakSet<HTMLElement>();

/**
 * How long an answer travels before the buttons show it (disabled). An approval is answered within
 * milliseconds; greying the buttons at once repainted the window while the worker answered the
 * page, and made that answer 1–2 ms later. A PIN's unlock takes longer, and shows it.
 */
export const BUSY_SHOWN_AFTER_MS = 50;

export async function sendAnswer(context: AnswerContext, decision: Decision): Promise<void> {
  const { root, error } = context;
  if (travelling.has(root)) return;
  travelling.add(root);
  const shown = setTimeout(() => setBusy(root, true), BUSY_SHOWN_AFTER_MS);
  const reply = postAnswer({ promptId: context.promptId, decision });
  if (error.textContent) error.textContent = '';
  try {
    const res = await reply.finally(() => {
      clearTimeout(shown);
      travelling.delete(root);
    });
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
