/** Export to Google Authenticator: its migration QR codes, shown one at a time with Previous / Next. */
import { send } from '../../../src/messages/client.ts';
import { h } from '../../dom.ts';
import { plural } from '../../format.ts';
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
      const label = 'Your PIN, to export every secret';
      askSecret(area, { id: 'export-pin', label, button: 'Show QR codes' }, (p) =>
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
    say('', 'Nothing to export to Google Authenticator.');
    return { done: true };
  }
  await showPager(area, result.uris);
  say(
    `${plural(result.count, 'account')} in ${plural(result.uris.length, 'QR code')}.`,
    result.left.length ? `Left out: ${result.left.join('; ')}` : '',
  );
  // The pager is the result: the PIN form, if any, is replaced by it, not cleared.
  return { done: false };
}

async function showPager(area: HTMLElement, uris: readonly string[]): Promise<void> {
  let index = 0;
  const img = h('img', { id: 'migration-img', width: 240, height: 240, alt: '' });
  const caption = h('p', { id: 'migration-caption', 'aria-live': 'polite' });
  const prev = h('button', { type: 'button', className: 'small' }, 'Previous');
  const next = h('button', { type: 'button', className: 'small' }, 'Next');
  const show = async () => {
    // The QR encoder loads only when migration codes are shown.
    const { default: QRCode } = await import('qrcode');
    img.src = await QRCode.toDataURL(uris[index]!, { errorCorrectionLevel: 'L', margin: 2, width: 240 });
    img.alt = `Google Authenticator export QR code ${index + 1} of ${uris.length}`;
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
    h(
      'p',
      { className: 'note' },
      'Scan these in Google Authenticator (Transfer accounts → Import). Anyone who sees them can copy your accounts.',
    ),
    img,
    caption,
    h(
      'div',
      { className: 'actions' },
      prev,
      next,
      h('button', { type: 'button', className: 'small', onclick: () => area.replaceChildren() }, 'Hide'),
    ),
  );
  await show();
}
