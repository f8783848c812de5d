/** User verification: the PIN, or a new PIN twice when the site requires UV and none is set yet. */

import { t, tn } from '../../src/i18n/messages.ts';
import type { PromptView } from '../../src/messages/views.ts';
import { h } from '../dom.ts';
import { passwordField } from '../password-field.ts';

export interface PinField {
  element: HTMLElement;
  input: HTMLInputElement;
  /** The PIN entered, or why it cannot be used. */
  read(): { pin: string } | { error: string };
  /**
   * The worker refused the PIN: its message ("Wrong PIN; 7 attempts left.") takes the place of the
   * attempts line under the field, so the screen shows one count, the true one.
   */
  refused(message: string): void;
}

/** Undefined when the request needs no PIN. */
export function pinField(p: PromptView, error: HTMLElement): PinField | undefined {
  if (!p.needsPin) return undefined;
  const refusedWith = (input: HTMLInputElement, attempts?: HTMLElement) => (message: string) => {
    if (attempts) attempts.hidden = true;
    error.textContent = message;
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', error.id);
  };
  if (!p.offerPinSetup) {
    const pin = passwordField('pin', t('pin_label'), 'current-password', { minLength: 4 });
    const attempts = h('p', { className: 'hint attempts', id: 'pin-attempts' }, attemptsLeft(p.pinRetries));
    pin.input.setAttribute('aria-describedby', attempts.id);
    return {
      element: h('div', { className: 'pin' }, ...pin.nodes, attempts),
      input: pin.input,
      read: () => ({ pin: pin.input.value }),
      refused: refusedWith(pin.input, attempts),
    };
  }
  const pin = passwordField('pin', t('pin_new'), 'new-password', { minLength: 4 });
  const confirm = passwordField('pin-confirm', t('pin_confirm'), 'new-password');
  return {
    element: h('div', { className: 'pin' }, h('p', {}, t('prompt_pinSetup')), ...pin.nodes, ...confirm.nodes),
    input: pin.input,
    read: () =>
      pin.input.value === confirm.input.value ? { pin: pin.input.value } : { error: t('pin_differ') },
    refused: refusedWith(pin.input),
  };
}

function attemptsLeft(n: number): string {
  return tn('prompt_attemptsLeft', n);
}
