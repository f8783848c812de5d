/**
 * Meta-test: the end-to-end suite's rules (issue 13) stay true. A fixed sleep stands for a condition
 * nobody wrote down and fails on a slower machine; a retry turns a flake into a pass.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
/** The Chromium suite (Playwright) and the Firefox suite (puppeteer-core under vitest). */
const SUITES = ['test/e2e', 'test/firefox'];

describe('end-to-end suite', () => {
  it('has no fixed sleep: no waitForTimeout, no timer of 100 ms or more that only resolves', () => {
    const offenders: string[] = [];
    const files = SUITES.flatMap((dir) =>
      readdirSync(join(ROOT, dir))
        .filter((n) => n.endsWith('.ts'))
        .map((n) => join(dir, n)),
    );
    for (const name of files) {
      readFileSync(join(ROOT, name), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          // The pause between two checks of a bounded poll is a few tens of ms (`setTimeout(r, 20)`);
          // a longer timer whose only job is to resolve is a sleep. Deadlines pass a function instead.
          const timer = /setTimeout\(\s*\w+\s*,\s*([\d_]+)\s*\)/.exec(line);
          const sleep = timer !== null && Number(timer[1]!.replace(/_/g, '')) >= 100;
          if (sleep || /\bwaitForTimeout\(/.test(line)) offenders.push(`${name}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(offenders).toEqual([]);
  });

  it('never retries a failed test', () => {
    const config = readFileSync(join(ROOT, 'playwright.config.ts'), 'utf8');
    expect(config).toMatch(/^\s*retries: 0,$/m);
    const firefox = readFileSync(join(ROOT, 'vitest.firefox.config.ts'), 'utf8');
    expect(firefox).toMatch(/^\s*retry: 0,$/m);
  });
});
