/**
 * Meta-test: what differs between Chrome and Firefox lives in src/platform (one implementation per
 * browser, picked by the build), not in `chrome.*` calls scattered through the code.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
/** Extension code that runs in both browsers (the offscreen document is Chrome's own). */
const SHARED = ['src', 'popup', 'offer', 'workbench'];
const PLATFORM = 'src/platform';
/**
 * Classic scripts cannot import the platform layer. popup/early-ask.ts sends one runtime message,
 * which both browsers take the same way (Firefox as `browser.runtime`, Chrome as `chrome.runtime`).
 */
const CLASSIC_SCRIPTS = ['popup/early-ask.ts'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

describe('platform layer', () => {
  it('is the only code that calls chrome.* directly', () => {
    const offenders = SHARED.flatMap((dir) => files(join(ROOT, dir)))
      .map((file) => relative(ROOT, file))
      .filter((file) => !file.startsWith(`${PLATFORM}/`) && !CLASSIC_SCRIPTS.includes(file))
      .filter((file) => {
        const code = readFileSync(join(ROOT, file), 'utf8').replace(/^\s*(\/\/|\/?\*).*$/gm, '');
        // chrome.i18n is one synchronous API in both browsers (Firefox answers chrome.* too).
        return /\bchrome\.(?!i18n\.)\w/.test(code);
      });
    expect(offenders).toEqual([]);
  });

  it('is left only by classic scripts, which use chrome.* for runtime messages alone', () => {
    for (const file of CLASSIC_SCRIPTS) {
      const code = readFileSync(join(ROOT, file), 'utf8').replace(/^\s*(\/\/|\/?\*).*$/gm, '');
      expect(new Set(code.match(/\bchrome\.[\w.]+/g))).toEqual(new Set(['chrome.runtime']));
    }
  });

  it('has an implementation for each browser behind one index', () => {
    const index = readFileSync(join(ROOT, PLATFORM, 'index.ts'), 'utf8');
    expect(index).toMatch(/from '\.\/chrome\.ts'/);
    for (const browser of ['chrome', 'firefox']) {
      expect(readFileSync(join(ROOT, PLATFORM, `${browser}.ts`), 'utf8')).toMatch(
        /export const platform: Platform = \{/,
      );
    }
  });
});
