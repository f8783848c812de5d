/** "Check clock": compares this computer's clock with a server's and offers to correct codes by it. */
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
  return `${Math.abs(Math.round(ms / 1000))} s`;
}

export function describeOffset(offsetMs: number): string {
  if (offsetMs === 0) return 'Codes use this computer’s clock.';
  return `Codes use this computer’s clock ${offsetMs > 0 ? '+' : '−'}${seconds(offsetMs)}.`;
}

export function renderClock(root: HTMLElement, host: ClockHost): void {
  const url = h('input', {
    type: 'url',
    id: 'clock-url',
    placeholder: 'https://… (optional; default: this tab’s site)',
  });
  const result = h('div', { id: 'clock-result', role: 'status' });
  const check = h('button', { type: 'button', id: 'check-clock' }, 'Check clock');
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
    h('label', { for: 'clock-url' }, 'Server to compare with'),
    url,
    check,
    result,
  );
}

/** How far off this computer's clock is, and the button that fits: correct by it, or stop correcting. */
function verdict({ offsetMs, source, currentOffsetMs }: ClockAnswer, apply: Apply): HTMLElement[] {
  const off = Math.abs(offsetMs) > CLOCK_WARN_MS;
  const text = off
    ? `This computer’s clock is ${seconds(offsetMs)} ${offsetMs > 0 ? 'behind' : 'ahead of'} ${source}. Codes may be rejected.`
    : `This computer’s clock agrees with ${source} (within ${seconds(Math.max(1000, Math.abs(offsetMs)))}).`;
  const shown: HTMLElement[] = [h('p', { className: off ? 'note warn' : 'hint', id: 'clock-verdict' }, text)];
  if (off && Math.abs(offsetMs) > MAX_OFFSET_MS) {
    // A larger correction would let one page's Date header shift every code far ahead.
    shown.push(
      h('p', { className: 'hint' }, 'That is more than an hour: set the computer’s clock right instead.'),
    );
  } else if (off) {
    shown.push(
      h(
        'button',
        {
          type: 'button',
          id: 'apply-offset',
          className: 'primary',
          onclick: () => void apply(offsetMs, `Codes now use ${source}’s time.`),
        },
        'Use the server’s time for codes',
      ),
    );
  } else if (currentOffsetMs !== 0) {
    shown.push(
      h(
        'button',
        {
          type: 'button',
          id: 'reset-offset',
          onclick: () => void apply(0, 'Codes use this computer’s clock again.'),
        },
        'Stop correcting',
      ),
    );
  }
  return shown;
}
