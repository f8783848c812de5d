/** The Codes tab's status line: what the last action did ("Copied", "Added 2 accounts", an error). */
import { h } from '../dom.ts';

export type StatusKind = 'ok' | 'error';
export type Say = (text: string, kind?: StatusKind) => void;

export interface StatusLine {
  element: HTMLElement;
  say: Say;
}

export function statusLine(): StatusLine {
  const element = h('p', { id: 'codes-status', role: 'status', className: 'codes-status' });
  return {
    element,
    say: (text, kind = 'ok') => {
      element.textContent = text;
      element.dataset.kind = kind;
    },
  };
}
