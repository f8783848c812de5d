/**
 * Meta-test: every assertion in a unit test can fail. A test with no assertion at all fails through
 * test/unit/setup-has-assertions.ts (vitest setupFiles); the patterns that assert without being able
 * to fail are found here (assertions-can-fail.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../vitest.config.ts';
import { readTests, weakAssertions } from './assertions-can-fail.ts';

const ROOT = join(import.meta.dirname, '../..');
const SETUP = 'test/unit/setup-has-assertions.ts';

describe('every assertion can fail', () => {
  it('catches .not.toThrow(<argument>) and an uncounted try/catch (fixture)', () => {
    const fixture = new Map([
      ['a.test.ts', 'expect(() => run()).not.toThrow(/secret/);'],
      ['b.test.ts', "expect(() => run()).not.toThrowError('x');"],
      ['c.test.ts', 'try {\n  run();\n} catch (e) {\n  expect(e).toBeDefined();\n}'],
      [
        'fine.test.ts',
        'expect(() => run()).not.toThrow();\n// try { in a comment\nexpect(thrownBy(run)).toBe(1);',
      ],
      [
        'counted.test.ts',
        'expect.assertions(1);\ntry {\n  run();\n} catch (e) {\n  expect(e).toBeDefined();\n}',
      ],
    ]);
    expect(weakAssertions(fixture)).toEqual([
      'a.test.ts: .not.toThrow(<argument>) passes when nothing throws',
      'b.test.ts: .not.toThrow(<argument>) passes when nothing throws',
      'c.test.ts: try/catch without expect.assertions(n); assert on thrownBy(…) instead',
    ]);
  });

  it('holds for every unit test', () => {
    const tests = readTests(ROOT, ['src', 'popup', 'test/unit', 'demo']);
    expect(tests.size).toBeGreaterThan(50);
    // This file's fixture holds the patterns as strings.
    expect(tests.delete('test/unit/assertions-can-fail.test.ts')).toBe(true);
    expect(weakAssertions(tests)).toEqual([]);
  });

  it('a test without assertions fails: setupFiles calls expect.hasAssertions() before each test', () => {
    expect(config.test?.setupFiles).toContain(SETUP);
    expect(readFileSync(join(ROOT, SETUP), 'utf8')).toMatch(
      /beforeEach\(\(\) => \{\s*expect\.hasAssertions\(\);/,
    );
  });
});
