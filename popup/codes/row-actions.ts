/** What a row's buttons do: copy the code, fill it into the page, move an HOTP counter on. */

import { t } from '../../src/i18n/messages.ts';
import { send } from '../../src/messages/client.ts';
import { errorText } from '../format.ts';
import { copyCode } from './clipboard.ts';
import type { Row } from './code-row.ts';
import { showHotp } from './row-codes.ts';
import type { Say } from './status-line.ts';

export async function copyRowCode(row: Row, say: Say): Promise<void> {
  if (row.current === '') return;
  try {
    await copyCode(row.current);
    say(t('codes_copied'), 'ok');
  } catch (error) {
    say(t('codes_copyFailed', errorText(error)), 'error');
  }
}

/** The worker types the code (and the next one, when the page asks for two) into the tab. */
export async function fillRowCode(
  row: Row,
  button: HTMLButtonElement,
  say: Say,
  tabId: number | undefined,
): Promise<void> {
  button.disabled = true;
  try {
    const payload: { id: string; tabId?: number } = { id: row.view.id };
    if (tabId !== undefined) payload.tabId = tabId;
    const result = await send('otp/fill', payload);
    if (result.ok) {
      say(result.filled === 2 ? t('codes_filledTwo') : t('codes_filled'), 'ok');
    } else {
      say(result.error, 'error');
    }
  } finally {
    button.disabled = false;
  }
}

/** HOTP: the worker stores the moved counter first; only then is the new code shown. */
export async function nextHotpCode(row: Row, button: HTMLButtonElement, say: Say): Promise<void> {
  button.disabled = true;
  try {
    const result = await send('otp/next-hotp', { id: row.view.id });
    if (!result.ok) {
      say(result.error, 'error');
      return;
    }
    row.account = { ...row.account, counter: result.counter };
    row.view.counter = result.counter;
    await showHotp(row);
    const counter = row.li.querySelector('.otp-counter');
    if (counter) counter.textContent = t('codes_counter', result.counter);
  } finally {
    button.disabled = false;
  }
}
