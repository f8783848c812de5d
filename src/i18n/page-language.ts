/**
 * Puts a page in the user's language: `lang` names the catalogue's language (so screen readers
 * speak it right, and axe finds a valid one), `dir` is that language's direction (Arabic is laid
 * out right to left; the CSS uses logical properties so it mirrors), and every element with
 * `data-i18n="key"` in the static HTML gets that message as its text.
 */
import { catalogueLocale, type MessageKey, t, textDirection } from './messages.ts';

export function localizePage(doc: Document = document): void {
  doc.documentElement.lang = catalogueLocale();
  doc.documentElement.dir = textDirection();
  for (const el of doc.querySelectorAll<HTMLElement>('[data-i18n]')) {
    el.textContent = t(el.dataset.i18n as MessageKey);
  }
}
