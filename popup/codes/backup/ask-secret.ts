/**
 * Asks for a secret in `area` (the PIN before an export, a backup's password before an import) and
 * runs `attempt` with it; the field stays for another try until `attempt` says it is done.
 */
import { h } from '../../dom.ts';

export function askSecret(
  area: HTMLElement,
  text: { id: string; label: string; button: string },
  attempt: (secret: string) => Promise<{ done: boolean; error?: string }>,
): void {
  const input = h('input', { id: text.id, type: 'password', autocomplete: 'off', spellcheck: false });
  const error = h('p', { className: 'error', role: 'alert', id: `${text.id}-error` });
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    error.textContent = '';
    const result = await attempt(input.value);
    if (result.done) area.replaceChildren();
    else error.textContent = result.error ?? '';
  };
  area.replaceChildren(
    h(
      'form',
      { className: 'ask-secret', 'aria-label': text.label, onsubmit: submit },
      h('label', { for: text.id }, text.label),
      input,
      h('button', { type: 'submit', className: 'primary' }, text.button),
      error,
    ),
  );
  input.focus();
}
