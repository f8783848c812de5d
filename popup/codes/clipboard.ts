/**
 * Copying codes, and clearing them again after 30 s as password managers do. The worker's offscreen
 * document does the clearing, so it happens after the popup has closed too; where that is not
 * available (no chrome.offscreen) the popup clears while it stays open.
 */

import { t } from '../../src/i18n/messages.ts';
import { send } from '../../src/messages/client.ts';

export const CLEAR_AFTER_MS = 30_000;

let clearTimer: ReturnType<typeof setTimeout> | undefined;

async function write(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // navigator.clipboard wants a focused document; the clipboardWrite permission lets execCommand copy.
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('aria-hidden', 'true');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    const copied = document.execCommand('copy');
    area.remove();
    if (!copied) throw new Error(t('clipboard_refused'));
  }
}

/** Copies `code` and schedules clearing it, unless the clipboard has changed by then. */
export async function copyCode(code: string): Promise<void> {
  await write(code);
  clearTimeout(clearTimer);
  const later = await send('otp/clear-clipboard-later', { afterMs: CLEAR_AFTER_MS }).catch(() => ({
    ok: false,
  }));
  if (later.ok) return;
  clearTimer = setTimeout(async () => {
    let still = true;
    try {
      still = (await navigator.clipboard.readText()) === code;
    } catch {
      // Reading needs clipboardRead, which Tapkey does not ask for: clear anyway, as Bitwarden does.
    }
    if (still) await write('').catch(() => undefined);
  }, CLEAR_AFTER_MS);
}
