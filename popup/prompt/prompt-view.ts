/**
 * The "tap": who asks (origin and RP ID, prominent), what (create or sign in), which account, and
 * Approve / Cancel. Escape cancels; Enter approves from the PIN field or the account chooser; the
 * hand-back to the browser is one click away.
 * Everything the prompt leaves behind (a key listener, the arming timer) ends when `signal` aborts.
 */

import { t } from '../../src/i18n/messages.ts';
import type { PromptView } from '../../src/messages/views.ts';
import { h } from '../dom.ts';
import { type AccountChooser, accountChooser, noPasskeyHere } from './account-chooser.ts';
import type { AnswerContext } from './answer.ts';
import { ARMING_DELAY_MS, type Arming, armLater, REPLACED_ARMING_DELAY_MS } from './arming.ts';
import { extensionNote } from './extension-note.ts';
import { hintSentence } from './hint-words.ts';
import { type PinField, pinField } from './pin-field.ts';
import { type PromptActions, promptActions } from './prompt-actions.ts';
import { answerButtons, fallbackButtons } from './prompt-buttons.ts';
import { listenForPromptKeys } from './prompt-keys.ts';
import { promptTitle } from './prompt-title.ts';
import { queuedLine } from './queued-line.ts';
import { siteFacts } from './site-facts.ts';

export interface PromptCallbacks {
  /** After an answer was accepted: show the next prompt, or close when `remaining` is 0. */
  answered(remaining: number): void;
  /** Another prompt was on screen just before this one: Approve waits longer to arm. */
  replacesAnother: boolean;
}

export function renderPrompt(
  root: HTMLElement,
  p: PromptView,
  callbacks: PromptCallbacks,
  signal: AbortSignal,
): void {
  const error = h('p', { className: 'error', role: 'alert', id: 'prompt-error' });
  const chooser = accountChooser(p);
  const pin = pinField(p, error);
  const answer: AnswerContext = {
    root,
    promptId: p.promptId,
    error,
    pin,
    answered: (remaining) => callbacks.answered(remaining),
  };
  const arming: Arming = { armed: false };
  const actions = promptActions(p, { answer, chooser, pin, arming });
  const section = promptSection(p, { chooser, pin, error, actions });
  root.replaceChildren(section);

  const delay = callbacks.replacesAnother ? REPLACED_ARMING_DELAY_MS : ARMING_DELAY_MS;
  armLater(arming, section, root.querySelector<HTMLButtonElement>('#approve'), delay, signal);
  listenForPromptKeys(actions, signal);
  // Focus goes to the PIN field, or to the prompt itself: never to Approve. The section is focused
  // only by this script (tabindex -1), so it shows no focus ring; controls keep theirs.
  section.tabIndex = -1;
  (pin?.input ?? section).focus();
}

function promptSection(
  p: PromptView,
  parts: { chooser?: AccountChooser; pin?: PinField; error: HTMLElement; actions: PromptActions },
): HTMLElement {
  const noAccount = noPasskeyHere(p);
  return h(
    'section',
    { className: 'prompt', 'aria-labelledby': 'prompt-title', 'data-prompt-id': p.promptId },
    h('p', { className: 'kind' }, p.kind === 'create' ? t('prompt_kindCreate') : t('prompt_kindGet')),
    h('h1', { id: 'prompt-title' }, promptTitle(p)),
    siteFacts(p),
    hintNote(p),
    p.excluded ? note(t('prompt_excludedNote')) : null,
    noAccount ? note(t('prompt_noPasskey', p.rpId)) : null,
    extensionNote(p),
    parts.chooser?.element,
    parts.pin?.element,
    parts.error,
    answerButtons(p, parts.actions, !noAccount),
    fallbackButtons(p, parts.actions),
    queuedLine(p.queued),
  );
}

/** The site's hints (WebAuthn L3 §5.8.7) in plain words: Tapkey is a security key. */
function hintNote(p: PromptView): HTMLElement | null {
  const sentence = hintSentence(p.hints ?? []);
  return sentence ? h('p', { className: 'hint prompt-hints' }, sentence) : null;
}

function note(text: string): HTMLElement {
  return h('p', { className: 'note' }, text);
}
