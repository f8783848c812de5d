/** What the prompt's buttons and keys do. */
import { send } from '../../src/messages/client.ts';
import type { PromptView } from '../../src/messages/views.ts';
import { type AccountChooser, noPasskeyHere } from './account-chooser.ts';
import { type AnswerContext, sendAnswer } from './answer.ts';
import { approval } from './approval.ts';
import type { Arming } from './arming.ts';
import type { PinField } from './pin-field.ts';

export interface PromptActions {
  approve(): void;
  cancel(): void;
  /** This request only: the browser's own authenticator answers it. */
  fallback(): void;
  /** This site from now on (undone in Settings). */
  neverHere(): void;
}

export function promptActions(
  p: PromptView,
  parts: { answer: AnswerContext; chooser?: AccountChooser; pin?: PinField; arming: Arming },
): PromptActions {
  const { answer, chooser, pin, arming } = parts;
  const noAccount = noPasskeyHere(p);
  const actions: PromptActions = {
    approve: () => {
      if (!arming.armed || noAccount) return;
      const result = approval(chooser, pin);
      if ('error' in result) answer.error.textContent = result.error;
      else void sendAnswer(answer, result.decision);
    },
    // Cancel works at once: refusing cannot be keyjacked into harm.
    cancel: () => void sendAnswer(answer, { type: 'cancel' }),
    fallback: () => {
      if (arming.armed) void sendAnswer(answer, { type: 'fallback' });
    },
    neverHere: () => {
      if (!arming.armed) return;
      // The site the user sees in the address bar: the top-level one around a frame.
      void send('settings/bypass', { origin: p.topOrigin ?? p.origin, bypass: true }).then(actions.fallback);
    },
  };
  return actions;
}
