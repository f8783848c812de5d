/**
 * Meta-test: the end-to-end suite's rules (issue 13) stay true. A fixed sleep stands for a condition
 * nobody wrote down and fails on a slower machine; a retry turns a flake into a pass.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const E2E = join(ROOT, 'test/e2e');

describe('end-to-end suite', () => {
  it('has no fixed sleep: no waitForTimeout, no timer of 100 ms or more that only resolves', () => {
    const offenders: string[] = [];
    for (const name of readdirSync(E2E).filter((n) => n.endsWith('.ts'))) {
      readFileSync(join(E2E, name), 'utf8')
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
  });
});
