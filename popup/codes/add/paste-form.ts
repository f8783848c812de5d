/**
 * otpauth:// links pasted as text, one per line; the field empties once they are added. What is wrong
 * with the text is said under the field, and the choices it leads to appear under its button.
 */

import { t } from '../../../src/i18n/messages.ts';
import { h } from '../../dom.ts';
import { fieldError } from '../../field-error.ts';
import type { Adder, AddOutput } from './adder.ts';

export function pasteForm(adder: Adder): HTMLFormElement {
  const area = h('textarea', {
    id: 'otp-paste',
    rows: 3,
    placeholder: 'otpauth://totp/Example:alice?secret=…',
    spellcheck: false,
  });
  const error = fieldError(area);
  const out: AddOutput = { work: h('div', { className: 'add-work' }), fail: error.show, failed: error.shown };
  return h(
    'form',
    {
      className: 'add-paste',
      'aria-label': t('paste_formLabel'),
      onsubmit: (event: SubmitEvent) => {
        event.preventDefault();
        void adder.fromPaste(area.value, out).then(() => {
          if (!out.failed()) area.value = '';
        });
      },
    },
    h('label', { for: 'otp-paste' }, t('paste_label')),
    area,
    error.element,
    h('button', { type: 'submit', id: 'paste-add' }, t('paste_add')),
    out.work,
  );
}
