/** Names a page chose (RP name, user names) as the prompt shows them. */
import { h } from '../dom.ts';

/** CTAP 2.1 lets authenticators truncate these names at 64 bytes; long ones would crowd the prompt. */
export function clip(text: string): string {
  return text.length > 64 ? `${text.slice(0, 63)}…` : text;
}

/** Clipped and bidi-isolated: a page-chosen name cannot restyle the RP ID or origin beside it. */
export function isolated(text: string): HTMLElement {
  return h('bdi', {}, clip(text));
}
