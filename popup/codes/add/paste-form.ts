/** otpauth:// links pasted as text, one per line; the field empties once they are added. */
import { h } from '../../dom.ts';
import type { Adder } from './adder.ts';

export function pasteForm(adder: Adder): HTMLFormElement {
  const area = h('textarea', {
    id: 'otp-paste',
    rows: 3,
    placeholder: 'otpauth://totp/Example:alice?secret=…',
    spellcheck: false,
  });
  return h(
    'form',
    {
      className: 'add-paste',
      onsubmit: (event: SubmitEvent) => {
        event.preventDefault();
        const lines = area.value.split(/\r\n|\r|\n/).filter((l) => l.trim() !== '');
        void adder.fromTexts(lines, 'Paste one otpauth:// link per line.').then(() => {
          if (!adder.failed()) area.value = '';
        });
      },
    },
    h('label', { for: 'otp-paste' }, 'otpauth:// links (one per line)'),
    area,
    h('button', { type: 'submit', id: 'paste-add' }, 'Add from text'),
  );
}
