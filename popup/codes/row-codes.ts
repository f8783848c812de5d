/**
 * A row's codes and countdown. A code is computed only when its time step changes: the previous
 * "next" code becomes the current one, so a step costs one HMAC per account.
 */
import { accountCode, accountCodePair } from '../../src/totp/account-code.ts';
import { errorText, groupCode } from '../format.ts';
import type { Row } from './code-row.ts';

/** Countdown text and, when the time step changed, the codes of one row. */
export function updateRow(row: Row, now: number): void {
  if (row.view.kind === 'hotp') {
    if (row.current === '') void showHotp(row);
    return;
  }
  const periodMs = row.view.period * 1000;
  const remaining = periodMs - (now % periodMs);
  const secs = Math.ceil(remaining / 1000);
  if (secs !== row.shownSecs && row.secs && row.ring) {
    row.shownSecs = secs;
    row.secs.data = String(secs);
    row.ring.style.setProperty('--left', (remaining / periodMs).toFixed(3));
    row.ring.classList.toggle('ending', secs <= 5);
  }
  const step = Math.floor(now / periodMs);
  if (step !== row.step) void refresh(row, step, now);
}

async function refresh(row: Row, step: number, now: number): Promise<void> {
  const previous = row.step;
  row.step = step;
  try {
    if (step === previous + 1 && row.nextCode !== '') {
      row.current = row.nextCode;
      const later = await accountCode(row.account, now + row.view.period * 1000);
      row.nextCode = later.code;
    } else {
      const pair = await accountCodePair(row.account, now);
      row.current = pair.current.code;
      row.nextCode = pair.next.code;
    }
    row.code.data = groupCode(row.current);
    if (row.next) row.next.data = groupCode(row.nextCode);
  } catch (error) {
    row.code.data = '— error —';
    row.li.title = errorText(error);
  }
}

/** HOTP: the code for the stored counter (moving it is the worker's job). */
export async function showHotp(row: Row): Promise<void> {
  const { code } = await accountCode(row.account, 0);
  row.current = code;
  row.code.data = groupCode(code);
}
