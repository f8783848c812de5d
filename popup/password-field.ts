/**
 * A labelled password input with a "Show" toggle, so a PIN or a long passphrase can be checked before
 * use: in Settings and in the prompt.
 */

import { catalogueLocale, t } from '../src/i18n/messages.ts';
import { h } from './dom.ts';

/** "Show new PIN", "Show passphrase again": the label as the middle of a sentence (PIN stays PIN). */
function inSentence(label: string): string {
  // Whether "New PIN" becomes "Show new PIN" is the language's rule (German keeps the capital).
  if (t('label_lowercaseInSentence') !== 'true') return label;
  return /^\p{Lu}\p{Ll}/u.test(label)
    ? label.charAt(0).toLocaleLowerCase(catalogueLocale()) + label.slice(1)
    : label;
}

export interface PasswordField {
  input: HTMLInputElement;
  /** The label, then the input with its toggle beside it. */
  nodes: HTMLElement[];
}

export function passwordField(
  id: string,
  label: string,
  autocomplete: 'new-password' | 'current-password',
  props: Record<string, unknown> = {},
): PasswordField {
  const input = h('input', { id, type: 'password', autocomplete, spellcheck: false, ...props });
  const toggle = h(
    'button',
    {
      type: 'button',
      className: 'secondary small',
      'aria-pressed': 'false',
      'aria-controls': id,
      // The visible word first: the name starts with what the button says (WCAG 2.5.3).
      'aria-label': t('password_showNamed', inSentence(label)),
      onclick: () => {
        const show = input.type === 'password';
        input.type = show ? 'text' : 'password';
        toggle.setAttribute('aria-pressed', String(show));
      },
    },
    t('password_show'),
  );
  return {
    input,
    nodes: [h('label', { for: id }, label), h('div', { className: 'field-row' }, input, toggle)],
  };
}
