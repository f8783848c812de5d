import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** src/totp is pure (architecture.md): usable in the service worker, the popup and Node alike. */
describe('src/totp purity', () => {
  const dir = new URL('./', import.meta.url);
  const sources = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

  it.each(sources)('%s uses no extension, DOM or storage API; imports only pure code and noble', (file) => {
    const text = readFileSync(new URL(file, dir), 'utf8');
    const imports = [...text.matchAll(/^import[^;]*?from '([^']+)'/gms)].map((m) => m[1]);
    // Its own files, the shared pure helpers, and the audited hash library the whole core uses.
    for (const source of imports)
      expect(source, file).toMatch(/^(\.\/[\w-]+\.ts|\.\.\/shared\/[\w-]+\.ts|@noble\/hashes\/[\w-]+\.js)$/);
    expect(text).not.toMatch(/\b(chrome|browser|window|document|indexedDB|localStorage)\./);
    expect(text).not.toMatch(/console\./);
  });
});
