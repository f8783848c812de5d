/** The "N more requests waiting" line under a prompt. */

import { tn } from '../../src/i18n/messages.ts';
import { h } from '../dom.ts';

function queuedText(n: number): string {
  return n > 0 ? tn('prompt_queued', n) : '';
}

export function queuedLine(n: number): HTMLElement {
  return h('p', { className: 'queued', hidden: n === 0 }, queuedText(n));
}

/** Updates the line of a prompt already on screen. */
export function setQueued(section: HTMLElement, n: number): void {
  const line = section.querySelector<HTMLElement>('.queued');
  if (!line) return;
  line.textContent = queuedText(n);
  line.hidden = n === 0;
}
