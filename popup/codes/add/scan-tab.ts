/** "Scan QR code": the worker captures the tab; the QR codes on it are found here. */

import { t } from '../../../src/i18n/messages.ts';
import { send } from '../../../src/messages/client.ts';
import { h } from '../../dom.ts';
import type { Adder } from './adder.ts';

export function scanButton(adder: Adder): HTMLButtonElement {
  const button = h('button', { type: 'button', id: 'scan-qr', className: 'primary' }, t('scan_button'));
  button.addEventListener('click', () => void scan(adder, button));
  return button;
}

async function scan(adder: Adder, button: HTMLButtonElement): Promise<void> {
  button.disabled = true;
  adder.fail('');
  adder.work.replaceChildren(h('p', { className: 'hint', role: 'status' }, t('scan_looking')));
  try {
    const payload: { tabId?: number } = {};
    if (adder.host.tabId !== undefined) payload.tabId = adder.host.tabId;
    const result = await send('otp/scan-tab', payload);
    if (!result.ok) {
      adder.work.replaceChildren();
      return adder.fail(result.error);
    }
    const { findQrCodes, pixelsOf } = await import('../../../src/qr/find-qr-codes.ts');
    const texts = findQrCodes(await pixelsOf(await (await fetch(result.image)).blob()));
    adder.work.replaceChildren();
    await adder.fromTexts(texts, t('scan_none'), result.site ?? undefined);
  } finally {
    button.disabled = false;
  }
}
