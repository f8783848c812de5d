/**
 * Meta-test: the UI speaks only through the catalogue. No sentence is written into UI code (every
 * one goes through t() / tn()), every key used exists in English with as many substitutions as it
 * has placeholders, and every other language has exactly the English keys, the same placeholders,
 * and the plural forms its own Intl.PluralRules asks for (Arabic six, Japanese and Chinese one).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Catalogue } from '../fakes/fake-i18n.ts';
import { scan } from './visible-literals.ts';

const ROOT = join(import.meta.dirname, '../..');
const LOCALES_DIR = join(ROOT, 'public/_locales');
const LOCALES = readdirSync(LOCALES_DIR).sort();

/** Pages and the worker's answers to them: everything here is read by the user. */
const UI = [
  'popup',
  'workbench',
  'offer',
  'src/i18n',
  'src/background/codes',
  'src/background/settings',
  'src/background/vault',
  'src/background/workbench',
  'src/background/ceremony/prompt-api.ts',
  'src/background/sentence.ts',
];

/** Literals that read like words but are names, examples or code, the same in every language. */
const NOT_WORDS = new Set([
  'Tapkey', // the product's name
  'Steam Guard', // a product's name (a kind of code)
  'JBSW Y3DP EHPK 3PXP', // an example setup key
  'Ed25519',
  'EdDSA', // algorithm names
  'Playwright context.credentials',
  'CDP WebAuthn.Credential', // API names
  'UP',
  'UV',
  'BE',
  'BS',
  'AT',
  'ED', // authenticator data flags, as the spec names them
  '-----BEGIN PRIVATE KEY-----', // PEM
  // The worker's own: a guard the popup cannot trip (it offers only the choices), an
  // authenticator reason never shown, and the offscreen document's justification, which Chrome keeps.
  'auto-lock after … minutes is not one of the choices',
  'no credential for this request',
  // A PinError in the core's own words, which sentence.ts puts into the user's.
  'enter your current PIN to change it',
  'Clear a copied one-time code from the clipboard after 30 seconds.',
]);

const PLURAL = /_(zero|one|two|few|many|other)$/;

function sources(path: string): string[] {
  const full = join(ROOT, path);
  if (!statSync(full).isDirectory()) return [full];
  return readdirSync(full).flatMap((name) => {
    const child = join(path, name);
    if (statSync(join(ROOT, child)).isDirectory()) return sources(child);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [join(ROOT, child)] : [];
  });
}

const FILES = UI.flatMap(sources).map((file) => ({
  file: relative(ROOT, file),
  ...scan(readFileSync(file, 'utf8')),
}));

function catalogue(lang: string): Catalogue {
  return JSON.parse(readFileSync(join(LOCALES_DIR, lang, 'messages.json'), 'utf8')) as Catalogue;
}
const english = catalogue('en');

/** The placeholders of `key` (for a plural key, those of the English `_other`), as name → content. */
function placeholders(entry: Catalogue[string] | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(entry?.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p.content]),
  );
}

function pluralBases(c: Catalogue): Map<string, string[]> {
  const bases = new Map<string, string[]>();
  for (const key of Object.keys(c)) {
    const m = PLURAL.exec(key);
    if (!m) continue;
    const base = key.slice(0, m.index);
    bases.set(base, [...(bases.get(base) ?? []), m[1]!].sort());
  }
  return bases;
}

describe('the scanner', () => {
  it('finds words in the places the UI shows them, and not in code', () => {
    const found = scan(`
      h('p', { className: 'hint big', title: 'Close this' }, 'Saved your file.', t('common_save'));
      el.textContent = \`Moved \${name} up.\`;
      input.setAttribute('aria-label', 'Search accounts');
      input.setAttribute('aria-describedby', 'pin hint');
      if (event.key === 'Page Down') h('button', { type: 'button', id: 'x' }, 'OK');
      tn('count_passkeys', 3, name);
    `);
    expect(found.literals.map((l) => l.text)).toEqual([
      'Close this',
      'Saved your file.',
      'Moved … up.',
      'Search accounts',
      'OK',
    ]);
    expect(found.translations).toEqual([
      { fn: 't', key: 'common_save', args: 0, line: 2 },
      { fn: 'tn', key: 'count_passkeys', args: 1, line: 7 },
    ]);
  });
});

describe('the UI code', () => {
  it('writes no sentence of its own: every word on screen comes from the catalogue', () => {
    const offenders = FILES.flatMap(({ file, literals }) =>
      literals.filter((l) => !NOT_WORDS.has(l.text)).map((l) => `${file}:${l.line}: ${l.text}`),
    );
    expect(offenders).toEqual([]);
  });

  it('asks only for keys the English catalogue has, with one substitution per placeholder', () => {
    const wrong: string[] = [];
    for (const { file, translations } of FILES) {
      for (const { fn, key, args, line } of translations) {
        const entry = fn === 'tn' ? english[`${key}_other`] : english[key];
        const expected = Object.keys(placeholders(entry)).length - (fn === 'tn' ? 1 : 0);
        if (!entry) wrong.push(`${file}:${line}: ${fn}('${key}') is not in en`);
        else if (args !== expected) wrong.push(`${file}:${line}: ${key} takes ${expected}, given ${args}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('pages hold no words of their own: static text is named by data-i18n', () => {
    const wrong: string[] = [];
    for (const page of ['popup/popup.html', 'workbench/workbench.html', 'offer/offer.html']) {
      const html = readFileSync(join(ROOT, page), 'utf8');
      for (const [, key] of html.matchAll(/data-i18n="([^"]+)"/g)) {
        if (!english[key!]) wrong.push(`${page}: data-i18n="${key}" is not in en`);
      }
      const bare = html
        .replace(/<(\w+)[^>]*data-i18n="[^"]*"[^>]*>[\s\S]*?<\/\1>/g, '')
        .replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>|<[^>]+>/g, '');
      // The popup's <title> is the product's name.
      const words = bare.replace(/\bTapkey\b/g, '').trim();
      if (words) wrong.push(`${page}: ${words}`);
    }
    expect(wrong).toEqual([]);
  });

  it('the manifest names only messages the English catalogue has', () => {
    const manifest = readFileSync(join(ROOT, 'manifest.json'), 'utf8');
    const keys = [...manifest.matchAll(/__MSG_(\w+)__/g)].map((m) => m[1]!);
    expect(keys.length).toBeGreaterThanOrEqual(5);
    expect(keys.filter((k) => !english[k])).toEqual([]);
    expect(JSON.parse(manifest).default_locale).toBe('en');
  });
});

describe('every catalogue', () => {
  it('is there for English and the six other languages, one right to left', () => {
    expect(LOCALES).toEqual(['ar', 'de', 'en', 'es', 'fr', 'ja', 'zh_CN']);
  });

  for (const lang of LOCALES) {
    const messages = catalogue(lang);

    it(`${lang}: names its language in locale_code, as Intl knows it`, () => {
      const code = messages.locale_code?.message;
      expect(code).toBe(lang.replace('_', '-'));
      expect(Intl.PluralRules.supportedLocalesOf([code!])).toEqual([code]);
    });

    it(`${lang}: has every English message and no other, with the same placeholders`, () => {
      const simple = (c: Catalogue) =>
        Object.keys(c)
          .filter((k) => !PLURAL.test(k))
          .sort();
      expect(simple(messages)).toEqual(simple(english));
      expect([...pluralBases(messages).keys()].sort()).toEqual([...pluralBases(english).keys()].sort());
      const wrong: string[] = [];
      for (const [key, entry] of Object.entries(messages)) {
        const source = english[key] ?? english[key.replace(PLURAL, '_other')];
        const declared = placeholders(entry);
        if (JSON.stringify(declared) !== JSON.stringify(placeholders(source))) {
          wrong.push(`${key}: placeholders ${JSON.stringify(declared)}`);
        }
        const used = [...entry.message.replaceAll('$$', '').matchAll(/\$(\w+)\$/g)].map((m) =>
          m[1]!.toLowerCase(),
        );
        // A plural form may say its number in words ("This account", Arabic's dual): only it may go unused.
        for (const name of Object.keys(declared)) {
          if (!used.includes(name) && !(name === 'count' && PLURAL.test(key)))
            wrong.push(`${key}: $${name}$ unused`);
        }
        for (const name of used) if (!(name in declared)) wrong.push(`${key}: $${name}$ undeclared`);
        if (/\{\w+\}|\$\d/.test(entry.message.replaceAll('$$', ''))) wrong.push(`${key}: stray {name} or $1`);
        if (!entry.message.trim()) wrong.push(`${key}: empty`);
      }
      expect(wrong).toEqual([]);
    });

    it(`${lang}: has exactly the plural forms its language needs`, () => {
      const needed = [
        ...new Intl.PluralRules(messages.locale_code!.message).resolvedOptions().pluralCategories,
      ].sort();
      const wrong = [...pluralBases(messages)]
        .filter(([, forms]) => JSON.stringify(forms) !== JSON.stringify(needed))
        .map(([base, forms]) => `${base}: ${forms.join(' ')} (needs ${needed.join(' ')})`);
      expect(wrong).toEqual([]);
    });
  }
});
