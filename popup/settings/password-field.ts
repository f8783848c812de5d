/** A labelled password input with a "Show" toggle, so a long passphrase can be checked before use. */
import { h } from '../dom.ts';

export function passwordField(
  id: string,
  label: string,
  autocomplete: 'new-password' | 'current-password',
): { input: HTMLInputElement; nodes: HTMLElement[] } {
  const input = h('input', { id, type: 'password', autocomplete, spellcheck: false });
  const toggle = h(
    'button',
    {
      type: 'button',
      className: 'secondary small',
      'aria-pressed': 'false',
      'aria-label': `Show ${label.toLowerCase()}`,
      onclick: () => {
        const show = input.type === 'password';
        input.type = show ? 'text' : 'password';
        toggle.setAttribute('aria-pressed', String(show));
      },
    },
    'Show',
  );
  return {
    input,
    nodes: [h('label', { for: id }, label), h('div', { className: 'field-row' }, input, toggle)],
  };
}
