/** QR code images: picked from a file, dropped on the panel, or pasted into it. */

import { t } from '../../../src/i18n/messages.ts';
import { h } from '../../dom.ts';
import type { Adder } from './adder.ts';

/**
 * "From image…" and the file input it opens. The input is hidden (no tab stop, out of the
 * accessibility tree): the button is the one control, labelled by its text.
 */
export function imagePicker(adder: Adder): [HTMLButtonElement, HTMLInputElement] {
  const file = h('input', { type: 'file', id: 'qr-file', accept: 'image/*', hidden: true, tabIndex: -1 });
  file.addEventListener('change', () => {
    const chosen = file.files?.[0];
    if (chosen) void adder.fromImage(chosen);
    file.value = '';
  });
  const button = h(
    'button',
    { type: 'button', id: 'pick-image', onclick: () => file.click() },
    t('add_fromImage'),
  );
  return [button, file];
}

function firstImage(files: FileList | undefined): File | undefined {
  return [...(files ?? [])].find((f) => f.type.startsWith('image/'));
}

/** Dropping an image on the panel, or pasting one anywhere in it, reads its QR code. */
export function acceptImages(panel: HTMLElement, adder: Adder): void {
  panel.addEventListener('dragover', (event) => {
    event.preventDefault();
    panel.classList.add('dropping');
  });
  panel.addEventListener('dragleave', () => panel.classList.remove('dropping'));
  panel.addEventListener('drop', (event) => {
    event.preventDefault();
    panel.classList.remove('dropping');
    const dropped = firstImage(event.dataTransfer?.files);
    if (dropped) void adder.fromImage(dropped);
    else adder.fail('Drop an image file (PNG, JPEG…) with a QR code.');
  });
  // Text pastes go to the text fields as usual.
  panel.addEventListener('paste', (event) => {
    const image = firstImage(event.clipboardData?.files);
    if (!image) return;
    event.preventDefault();
    void adder.fromImage(image);
  });
}
