/**
 * The "Add account" panel: scan the tab's QR codes, read an image (picker, drag and drop, paste),
 * paste otpauth:// text, or type a setup key.
 */
import { h } from '../../dom.ts';
import { type AddHost, createAdder } from './adder.ts';
import { acceptImages, imagePicker } from './image-input.ts';
import { manualForm } from './manual-form.ts';
import { pasteForm } from './paste-form.ts';
import { scanButton } from './scan-tab.ts';

export type { AddHost };

export function renderAddPanel(panel: HTMLElement, host: AddHost): void {
  const adder = createAdder(host);
  panel.replaceChildren(
    h('h2', { id: 'add-title' }, 'Add an account'),
    h('div', { className: 'add-ways' }, scanButton(adder), ...imagePicker(adder)),
    h('p', { className: 'hint drop-hint' }, 'You can also drop or paste a QR code image here.'),
    adder.error,
    adder.work,
    h('details', { className: 'add-more' }, h('summary', {}, 'Paste otpauth:// text'), pasteForm(adder)),
    h(
      'details',
      { className: 'add-more', id: 'manual-details' },
      h('summary', {}, 'Enter a setup key'),
      manualForm(adder),
    ),
  );
  acceptImages(panel, adder);
}
