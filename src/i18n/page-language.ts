/**
 * Puts a page in the user's language: `lang` names the catalogue's language (so screen readers
 * speak it right, and axe finds a valid one), `dir` comes from Chrome's `@@bidi_dir` (Arabic is
 * laid out right to left; the CSS uses logical properties so it mirrors), and every element with
 * `data-i18n="key"` in the static HTML gets that message as its text.
 */
import { catalogueLocale, type MessageKey, t } from './messages.ts';

export function localizePage(doc: Document = document): void {
  doc.documentElement.lang = catalogueLocale();
  doc.documentElement.dir = chrome.i18n.getMessage('@@bidi_dir') || 'ltr';
  for (const el of doc.querySelectorAll<HTMLElement>('[data-i18n]')) {
    el.textContent = t(el.dataset.i18n as MessageKey);
  }
}
