/**
 * The core's everyday errors reach the popup in the user's language: each PinError and BackupError
 * message the core can throw is matched to its catalogue sentence (a German catalogue shows none of
 * them in English), plural counts follow the language, and anything else stays the core's sentence.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import arabic from '../../public/_locales/ar/messages.json' with { type: 'json' };
import german from '../../public/_locales/de/messages.json' with { type: 'json' };
import { type Catalogue, fakeI18n } from '../../test/fakes/fake-i18n.ts';

const ROOT = join(import.meta.dirname, '../..');
const english = (globalThis as { chrome?: unknown }).chrome;

/** sentence() as a browser in `catalogue`'s language runs it (messages.ts keeps its plural rules). */
async function sentenceIn(catalogue?: Catalogue, dir: 'ltr' | 'rtl' = 'ltr') {
  if (catalogue) Object.assign(globalThis, { chrome: { i18n: fakeI18n(catalogue, 'xx', dir) } });
  vi.resetModules();
  return (await import('./sentence.ts')).sentence;
}
afterEach(() => Object.assign(globalThis, { chrome: english }));

/** Every message the core passes to new PinError(…) / new BackupError(…), numbers filled in as 7. */
function coreMessages(): string[] {
  const files = ['src/storage/vault-key.ts', 'src/background/vault/vault.ts', 'src/backup/backup-file.ts'];
  return files.flatMap((file) =>
    [
      ...readFileSync(join(ROOT, file), 'utf8').matchAll(
        /new (?:PinError|BackupError)\(\s*'[^']*',\s*(['`])([\s\S]*?)\1/g,
      ),
    ].map((m) => m[2]!.replace(/\$\{[^}]*\}/g, '7')),
  );
}

describe('sentence', () => {
  it('says the core’s PIN messages in English as before, with the right plural', async () => {
    const sentence = await sentenceIn();
    expect(sentence('wrong PIN; 7 attempts left')).toBe('Wrong PIN; 7 attempts left.');
    expect(sentence('wrong PIN; 1 attempts left')).toBe('Wrong PIN; 1 attempt left.');
    expect(sentence('a PIN has 4 to 63 characters; this one has 2')).toBe(
      'A PIN has 4 to 63 characters; this one has 2.',
    );
    expect(sentence('this file is not a Tapkey backup')).toBe('This file is not a Tapkey backup.');
  });

  it('leaves a message it does not know as the core wrote it, as a sentence', async () => {
    const sentence = await sentenceIn(german as Catalogue);
    expect(sentence('this Aegis vault has no list of entries (db.entries)')).toBe(
      'This Aegis vault has no list of entries (db.entries).',
    );
  });

  it('knows every PIN and backup message the core throws (none reaches a German user in English)', async () => {
    const messages = coreMessages();
    expect(messages.length).toBeGreaterThanOrEqual(12);
    const sentence = await sentenceIn(german as Catalogue);
    const english = (m: string) => m.charAt(0).toUpperCase() + m.slice(1) + (m.endsWith('.') ? '' : '.');
    expect(messages.filter((m) => sentence(m) === english(m))).toEqual([]);
    expect(sentence('wrong PIN; 1 attempts left')).toBe('Falsche PIN; noch 1 Versuch.');
  });

  it('picks Arabic’s dual, and isolates the number in right-to-left text', async () => {
    const sentence = await sentenceIn(arabic as Catalogue, 'rtl');
    expect(sentence('wrong PIN; 2 attempts left')).toBe('رمز PIN غير صحيح؛ تبقّت محاولتان.');
    expect(sentence('wrong PIN; 5 attempts left')).toMatch(
      /^رمز PIN غير صحيح؛ تبقّت \u2068.+\u2069 محاولات\.$/,
    );
  });
});
