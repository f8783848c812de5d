/**
 * Meta-test: the CXF module is pure, like the core that test/unit/purity.test.ts guards (whose list of
 * folders does not name src/backup): no browser-extension or DOM API, no storage, worker, message or
 * popup import. It must run in the service worker, the popup and Node alike.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const FORBIDDEN = [
  /from ['"]webextension-polyfill['"]/,
  /from ['"]idb['"]/,
  /\bchrome\.\w/,
  /\bbrowser\.\w/,
  /\bwindow\.\w/,
  /\bdocument\.\w/,
  /\blocalStorage\b/,
  /from ['"](\.\.\/)+(src\/)?(background|storage|messages|page|content)\//,
  /from ['"](\.\.\/)+popup\//,
];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'testing' ? [] : files(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

describe('src/backup/cxf', () => {
  it('uses no browser-extension or DOM API and imports nothing of the extension', () => {
    const offenders: string[] = [];
    const sources = files(import.meta.dirname);
    expect(sources.length).toBeGreaterThan(10);
    for (const file of sources) {
      // Comments may name what the code must not use.
      const text = readFileSync(file, 'utf8').replace(/^\s*(\/\/|\/?\*).*$/gm, '');
      for (const pattern of FORBIDDEN) if (pattern.test(text)) offenders.push(`${file}: ${pattern}`);
    }
    expect(offenders).toEqual([]);
  });
});
