/**
 * Cuts untrusted text (a credential type, an item title, an unknown member's name) to a length that
 * fits in a message, so that a hostile document cannot flood the import dialog.
 */
export function shorten(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
