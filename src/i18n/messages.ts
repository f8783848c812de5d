/**
 * The UI's words: every sentence the user reads comes from `_locales/<lang>/messages.json` through
 * chrome.i18n, which picks the catalogue for the browser's language and falls back to English.
 * Keys are checked by tsc against the English catalogue, so a typo or a removed message fails the
 * typecheck rather than showing an empty label.
 */
import type English from '../../public/_locales/en/messages.json';

export type MessageKey = keyof typeof English;

/** `foo` when the catalogue has `foo_other` (and `foo_one`, … as the language needs). */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer Base}_other` ? Base : never) : never;

type Substitution = string | number;

/**
 * chrome.i18n wants strings; numbers are written as the UI language writes them. In a right-to-left
 * language each one is a first-strong isolate (FSI … PDI), so a host name or an e-mail address keeps
 * its own order inside an Arabic sentence and does not pull the punctuation beside it across.
 */
function texts(substitutions: readonly Substitution[]): string[] {
  const isolate = textDirection() === 'rtl' ? (s: string) => `\u2068${s}\u2069` : (s: string) => s;
  return substitutions.map((s) => isolate(typeof s === 'number' ? formatNumber(s) : s));
}

/** The message `key` with `$1`, `$2`, … filled from `substitutions` (named placeholders in the file). */
export function t(key: MessageKey, ...substitutions: Substitution[]): string {
  // An empty answer means the key is missing from every catalogue: showing the key beats a blank.
  return chrome.i18n.getMessage(key, texts(substitutions)) || key;
}

/**
 * The plural message for `count`: chrome.i18n knows no plurals, so the catalogue holds one message
 * per CLDR category the language has (`_one`, `_other`; Arabic also `_zero`, `_two`, `_few`,
 * `_many`) and Intl.PluralRules picks one. `$1` is the count; `substitutions` follow as `$2`, ….
 */
export function tn(key: PluralKey, count: number, ...substitutions: Substitution[]): string {
  const args = texts([count, ...substitutions]);
  const chosen = chrome.i18n.getMessage(`${key}_${pluralRules().select(count)}`, args);
  return chosen || chrome.i18n.getMessage(`${key}_other`, args) || key;
}

/**
 * The language of the catalogue in use (its `locale_code` message), which may differ from the
 * browser's: a Portuguese browser reads the English catalogue, and English plural rules must pick
 * among English messages.
 */
export function catalogueLocale(): string {
  return chrome.i18n.getMessage('locale_code') || 'en';
}

type LocaleWithTextInfo = Intl.Locale & {
  getTextInfo?(): { direction?: string };
  textInfo?: { direction?: string };
};

let direction: 'ltr' | 'rtl' | undefined;

/**
 * The direction of the catalogue's language (Arabic: rtl). Asked of Intl.Locale first, because the
 * text shown is the catalogue's: Chrome's @@bidi_dir follows the browser's own language, which
 * differs when no catalogue matches it, and headless Chromium started with --lang=ar says ltr.
 */
export function textDirection(): 'ltr' | 'rtl' {
  if (direction) return direction;
  const locale = new Intl.Locale(catalogueLocale()) as LocaleWithTextInfo;
  const said = (locale.getTextInfo?.() ?? locale.textInfo)?.direction;
  direction = said === 'rtl' || said === 'ltr' ? said : bidiDir();
  return direction;
}

function bidiDir(): 'ltr' | 'rtl' {
  return chrome.i18n.getMessage('@@bidi_dir') === 'rtl' ? 'rtl' : 'ltr';
}

let rules: Intl.PluralRules | undefined;
function pluralRules(): Intl.PluralRules {
  rules ??= new Intl.PluralRules(catalogueLocale());
  return rules;
}

/** The browser's UI language, for dates and numbers (a British browser writes 31/12/2025). */
export function uiLocale(): string {
  return chrome.i18n.getUILanguage();
}

let numbers: Intl.NumberFormat | undefined;
export function formatNumber(n: number): string {
  numbers ??= new Intl.NumberFormat(uiLocale());
  return numbers.format(n);
}
