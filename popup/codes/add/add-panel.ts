/**
 * The "Add account" panel: scan the tab's QR codes, read an image (picker, drag and drop, paste),
 * paste otpauth:// text, or type a setup key.
 */

import { t } from '../../../src/i18n/messages.ts';
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
    h('h2', { id: 'add-title' }, t('add_title')),
    h('div', { className: 'add-ways' }, scanButton(adder), ...imagePicker(adder)),
    h('p', { className: 'hint drop-hint' }, t('add_dropHint')),
    adder.error,
    adder.work,
    h('details', { className: 'add-more' }, h('summary', {}, t('add_pasteSummary')), pasteForm(adder)),
    h(
      'details',
      { className: 'add-more', id: 'manual-details' },
      h('summary', {}, t('add_setupKeySummary')),
      manualForm(adder),
    ),
  );
  acceptImages(panel, adder);
}
