/**
 * chrome.i18n over one catalogue, substituting as Chrome does: `$name$` takes its placeholder's
 * content, in which `$1`…`$9` take the substitutions; `$$` is a dollar sign; a missing key is "".
 * Unit tests read the English catalogue, as Chromium in the e2e suite runs in en-US.
 */
import english from '../../public/_locales/en/messages.json' with { type: 'json' };

export interface CatalogueEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}
export type Catalogue = Record<string, CatalogueEntry>;

function fill(text: string, substitutions: readonly string[]): string {
  return text.replace(/\$(\d)/g, (_, n: string) => substitutions[Number(n) - 1] ?? '');
}

/** Chrome's getMessage over `catalogue` (keys and placeholder names are case-insensitive, as in Chrome). */
export function getMessage(catalogue: Catalogue, key: string, substitutions?: string | string[]): string {
  const subs =
    substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
  const entry = Object.entries(catalogue).find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1];
  if (!entry) return '';
  const placeholders = Object.fromEntries(
    Object.entries(entry.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p.content]),
  );
  return entry.message
    .split('$$')
    .map((part) =>
      part.replace(/\$(\w+)\$/g, (whole, name: string) => {
        const content = placeholders[name.toLowerCase()];
        return content === undefined ? whole : fill(content, subs);
      }),
    )
    .join('$');
}

export function fakeI18n(
  catalogue: Catalogue = english,
  uiLanguage = 'en-US',
  bidiDir: 'ltr' | 'rtl' = 'ltr',
) {
  return {
    getMessage(key: string, substitutions?: string | string[]): string {
      if (key === '@@bidi_dir') return bidiDir;
      if (key === '@@ui_locale') return uiLanguage.replace('-', '_');
      return getMessage(catalogue, key, substitutions);
    },
    getUILanguage: () => uiLanguage,
    async getAcceptLanguages() {
      return [uiLanguage];
    },
  };
}
