/** Names a page chose (RP name, user names) as the prompt shows them. */
import { h } from '../dom.ts';

/** CTAP 2.1 lets authenticators truncate these names at 64 bytes; long ones would crowd the prompt. */
const MAX = 64;
/** The longest e-mail domain kept whole; a longer one is clipped like any other name. */
const MAX_DOMAIN = 40;

/**
 * At most 64 characters, clipped in the middle so both ends stay: an e-mail keeps its domain
 * ("firstname.middlename…@accounts.example.com"), which says more than its first 63 letters.
 * Counts code points, so an emoji or another astral character is never cut in half.
 */
export function clip(text: string): string {
  const chars = [...text];
  if (chars.length <= MAX) return text;
  const at = chars.lastIndexOf('@');
  const domain = at > 0 ? chars.length - at : 0;
  // One place goes to the ellipsis; the rest to the start and the end.
  const tail = domain > 0 && domain <= MAX_DOMAIN ? domain : Math.floor((MAX - 1) / 3);
  const head = MAX - 1 - tail;
  return `${chars.slice(0, head).join('')}…${chars.slice(chars.length - tail).join('')}`;
}

/** Clipped and bidi-isolated: a page-chosen name cannot restyle the RP ID or origin beside it. */
export function isolated(text: string): HTMLElement {
  return h('bdi', {}, clip(text));
}
