/** "Check clock": compares this computer's clock with a server's and offers to correct codes by it. */

import { t } from '../../src/i18n/messages.ts';
import { send } from '../../src/messages/client.ts';
import { h } from '../dom.ts';

/** Codes tolerate about one period of drift on most servers; warn well before that. */
export const CLOCK_WARN_MS = 15_000;

/** The largest correction Tapkey applies (the worker refuses more). */
const MAX_OFFSET_MS = 3_600_000;

export interface ClockHost {
  tabId?: number;
  /** The correction codes use now. */
  offsetMs: number;
  /** The correction changed: render the codes again. */
  changed(): Promise<void>;
}

/** What the server said: the correction it suggests, the server's name, the correction in use. */
interface ClockAnswer {
  offsetMs: number;
  source: string;
  currentOffsetMs: number;
}

type Apply = (offsetMs: number, message: string) => Promise<void>;

function seconds(ms: number): string {
  return t('unit_seconds', Math.abs(Math.round(ms / 1000)));
}

export function describeOffset(offsetMs: number): string {
  if (offsetMs === 0) return t('clock_usesThis');
  return t(offsetMs > 0 ? 'clock_usesThisPlus' : 'clock_usesThisMinus', seconds(offsetMs));
}

export function renderClock(root: HTMLElement, host: ClockHost): void {
  const url = h('input', {
    type: 'url',
    id: 'clock-url',
    placeholder: t('clock_urlPlaceholder'),
  });
  const result = h('div', { id: 'clock-result', role: 'status' });
  const check = h('button', { type: 'button', id: 'check-clock' }, t('clock_check'));
  const apply: Apply = async (offsetMs, message) => {
    await send('otp/set-clock-offset', { offsetMs });
    result.replaceChildren(h('p', {}, message));
    await host.changed();
  };
  check.addEventListener('click', async () => {
    check.disabled = true;
    result.replaceChildren(h('p', { className: 'hint' }, 'Asking the server for the time…'));
    try {
      const payload: { tabId?: number; url?: string } = {};
      if (url.value.trim() !== '') payload.url = url.value.trim();
      else if (host.tabId !== undefined) payload.tabId = host.tabId;
      const answer = await send('otp/clock-check', payload);
      if (answer.ok) result.replaceChildren(...verdict(answer, apply));
      else result.replaceChildren(h('p', { className: 'error', role: 'alert' }, answer.error));
    } finally {
      check.disabled = false;
    }
  });
  root.replaceChildren(
    h('p', { className: 'hint', id: 'clock-offset' }, describeOffset(host.offsetMs)),
    h('label', { for: 'clock-url' }, t('clock_server')),
    url,
    check,
    result,
  );
}

/** How far off this computer's clock is, and the button that fits: correct by it, or stop correcting. */
function verdict({ offsetMs, source, currentOffsetMs }: ClockAnswer, apply: Apply): HTMLElement[] {
  const off = Math.abs(offsetMs) > CLOCK_WARN_MS;
  const text = off
    ? t(offsetMs > 0 ? 'clock_behind' : 'clock_ahead', seconds(offsetMs), source)
    : t('clock_agrees', source, seconds(Math.max(1000, Math.abs(offsetMs))));
  const shown: HTMLElement[] = [h('p', { className: off ? 'note warn' : 'hint', id: 'clock-verdict' }, text)];
  if (off && Math.abs(offsetMs) > MAX_OFFSET_MS) {
    // A larger correction would let one page's Date header shift every code far ahead.
    shown.push(h('p', { className: 'hint' }, t('clock_tooFar')));
  } else if (off) {
    shown.push(
      h(
        'button',
        {
          type: 'button',
          id: 'apply-offset',
          className: 'primary',
          onclick: () => void apply(offsetMs, t('clock_nowServer', source)),
        },
        t('clock_useServer'),
      ),
    );
  } else if (currentOffsetMs !== 0) {
    shown.push(
      h(
        'button',
        {
          type: 'button',
          id: 'reset-offset',
          onclick: () => void apply(0, t('clock_again')),
        },
        t('clock_stop'),
      ),
    );
  }
  return shown;
}
