/** Export to Google Authenticator: its migration QR codes, shown one at a time with Previous / Next. */

import { t, tn } from '../../../src/i18n/messages.ts';
import { send } from '../../../src/messages/client.ts';
import { h } from '../../dom.ts';
import { askSecret } from './ask-secret.ts';
import type { BackupStatus } from './backup-status.ts';

export async function showGoogleExport(
  area: HTMLElement,
  say: BackupStatus['say'],
  pin?: string,
): Promise<{ done: boolean; error?: string }> {
  const result = await send(
    'otp/export',
    pin === undefined ? { format: 'google' } : { format: 'google', pin },
  );
  if (!result.ok) {
    if (result.needsPin && pin === undefined) {
      const label = t('backup_pinToExport');
      askSecret(area, { id: 'export-pin', label, button: t('google_showQr') }, (p) =>
        showGoogleExport(area, say, p),
      );
      return { done: false };
    }
    if (result.needsPin) return { done: false, error: result.error };
    say('', result.error);
    return { done: true };
  }
  if (result.format !== 'google') return { done: true };
  if (result.uris.length === 0) {
    say('', t('google_nothing'));
    return { done: true };
  }
  await showPager(area, result.uris);
  say(
    t('google_summary', tn('count_accounts', result.count), tn('count_qrCodes', result.uris.length)),
    result.left.length ? t('google_leftOut', result.left.join('; ')) : '',
  );
  // The pager is the result: the PIN form, if any, is replaced by it, not cleared.
  return { done: false };
}

async function showPager(area: HTMLElement, uris: readonly string[]): Promise<void> {
  let index = 0;
  const img = h('img', { id: 'migration-img', width: 240, height: 240, alt: '' });
  const caption = h('p', { id: 'migration-caption', 'aria-live': 'polite' });
  const prev = h('button', { type: 'button', className: 'small' }, t('common_previous'));
  const next = h('button', { type: 'button', className: 'small' }, t('common_next'));
  const show = async () => {
    // The QR encoder loads only when migration codes are shown.
    const { default: QRCode } = await import('qrcode');
    img.src = await QRCode.toDataURL(uris[index]!, { errorCorrectionLevel: 'L', margin: 2, width: 240 });
    img.alt = t('google_qrAlt', index + 1, uris.length);
    caption.textContent = `${index + 1} of ${uris.length}`;
    prev.disabled = index === 0;
    next.disabled = index === uris.length - 1;
  };
  const step = (delta: -1 | 1) => () => {
    index += delta;
    void show();
  };
  prev.addEventListener('click', step(-1));
  next.addEventListener('click', step(1));
  area.replaceChildren(
    h('p', { className: 'note' }, t('google_scanThese')),
    img,
    caption,
    h(
      'div',
      { className: 'actions' },
      prev,
      next,
      h(
        'button',
        { type: 'button', className: 'small', onclick: () => area.replaceChildren() },
        t('common_hide'),
      ),
    ),
  );
  await show();
}
