/** User verification: the PIN, or a new PIN twice when the site requires UV and none is set yet. */
import type { PromptView } from '../../src/messages/views.ts';
import { h } from '../dom.ts';

export interface PinField {
  element: HTMLElement;
  input: HTMLInputElement;
  /** The PIN entered, or why it cannot be used. */
  read(): { pin: string } | { error: string };
}

/** Undefined when the request needs no PIN. */
export function pinField(p: PromptView): PinField | undefined {
  if (!p.needsPin) return undefined;
  const input = h('input', {
    id: 'pin',
    type: 'password',
    autocomplete: p.offerPinSetup ? 'new-password' : 'current-password',
    minLength: 4,
  });
  if (!p.offerPinSetup) {
    return {
      element: h(
        'div',
        { className: 'pin' },
        h('label', { for: 'pin' }, 'PIN'),
        input,
        h('small', {}, `${p.pinRetries} attempts left`),
      ),
      input,
      read: () => ({ pin: input.value }),
    };
  }
  const confirm = h('input', { id: 'pin-confirm', type: 'password', autocomplete: 'new-password' });
  return {
    element: h(
      'div',
      { className: 'pin' },
      h('p', {}, 'This site requires user verification. Set a PIN for Tapkey (at least 4 characters):'),
      h('label', { for: 'pin' }, 'New PIN'),
      input,
      h('label', { for: 'pin-confirm' }, 'Confirm PIN'),
      confirm,
    ),
    input,
    read: () => (input.value === confirm.value ? { pin: input.value } : { error: 'The two PINs differ.' }),
  };
}
