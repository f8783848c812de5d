/** Sends the user's answer to the worker; while it travels every button of the prompt is disabled. */
import { send } from '../../src/messages/client.ts';
import { messageOf } from '../format.ts';

export type Decision = Parameters<typeof send<'prompt/answer'>>[1]['decision'];

export interface AnswerContext {
  root: HTMLElement;
  promptId: string;
  /** Where the worker's refusal (a wrong PIN, say) is shown. */
  error: HTMLElement;
  /** Selected after a refusal, so the user can type the PIN again. */
  pinInput: HTMLInputElement | undefined;
  /** After an answer was accepted: show the next prompt, or close when `remaining` is 0. */
  answered(remaining: number): void;
}

export async function sendAnswer(context: AnswerContext, decision: Decision): Promise<void> {
  const { root, error } = context;
  setBusy(root, true);
  error.textContent = '';
  try {
    const res = await send('prompt/answer', { promptId: context.promptId, decision });
    if (res.ok) {
      context.answered(res.remaining);
      return;
    }
    error.textContent = res.error;
    context.pinInput?.select();
  } catch (e) {
    error.textContent = `Tapkey could not send your answer: ${messageOf(e)}`;
  }
  setBusy(root, false);
}

function setBusy(root: HTMLElement, on: boolean): void {
  for (const b of root.querySelectorAll('button')) b.disabled = on;
}
