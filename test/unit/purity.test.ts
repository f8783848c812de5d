/**
 * Meta-test: the pure core (authenticator, client rules, codes, shared) imports nothing from the
 * browser-extension world, so it stays testable in Node and reusable in every front door.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PURE } from './layers.ts';

const ROOT = join(import.meta.dirname, '../..');
const FORBIDDEN = [
  /from ['"]webextension-polyfill['"]/,
  /from ['"]idb['"]/,
  /\bchrome\.\w/,
  /\bbrowser\.\w/,
  /\bwindow\.\w/,
  /\bdocument\.\w/,
  /\blocalStorage\b/,
  /\bindexedDB\b/,
  // The core holds keys and secrets: it never logs (README: private keys are never logged).
  /\bconsole\./,
  /from ['"]\.\.\/(background|page|content|storage|messages)\//,
];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

describe('pure core', () => {
  for (const dir of PURE) {
    it(`${dir} uses no browser-extension, DOM or storage API, and never logs`, () => {
      const offenders: string[] = [];
      for (const file of files(join(ROOT, dir))) {
        const text = readFileSync(file, 'utf8').replace(/^\s*(\/\/|\/?\*).*$/gm, '');
        for (const pattern of FORBIDDEN) {
          if (pattern.test(text)) offenders.push(`${relative(ROOT, file)}: ${pattern}`);
        }
      }
      expect(offenders).toEqual([]);
    });
  }

  it('cbor-x is imported by exactly one module (architecture trap 1)', () => {
    const importers = files(join(ROOT, 'src'))
      .filter((f) => /from ['"]cbor-x['"]/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(ROOT, f));
    expect(importers).toEqual(['src/authenticator/cbor.ts']);
  });

  it('src/totp imports only its own files, src/shared and @noble/hashes (the worker, the popup and Node alike)', () => {
    // Test helpers (testing/) may read fixtures from disk.
    const sources = files(join(ROOT, 'src/totp')).filter((file) => !file.includes('/testing/'));
    const imports = sources.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/^import[^;]*?from '([^']+)'/gms)].map(
        (m) => `${relative(ROOT, file)}: ${m[1]}`,
      ),
    );
    expect(imports.length).toBeGreaterThan(20);
    expect(
      imports.filter(
        (i) => !/: (\.\/[\w-]+\.ts|\.\.\/shared\/[\w-]+\.ts|@noble\/hashes\/[\w-]+\.js)$/.test(i),
      ),
    ).toEqual([]);
  });

  it('no `any` crosses a boundary: messages and views have none', () => {
    for (const file of files(join(ROOT, 'src/messages'))) {
      expect(readFileSync(file, 'utf8')).not.toMatch(/:\s*any\b|as any\b|<any>/);
    }
  });
});
