/**
 * Finds assertions in unit tests that cannot fail (checked by assertions-can-fail.test.ts). Works on
 * a map of file → source, so the test feeds it a fixture as well as the real tree.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * `.not.toThrow(x)` passes when nothing is thrown at all: it only says "not this error". A test that
 * means "throws, but not with x in the message" asserts the error itself.
 */
const NOT_TO_THROW_WITH_ARGUMENT = /\.not\s*\.\s*toThrow(?:Error)?\(\s*[^)\s]/;
/** An assertion inside a catch is skipped when nothing throws, unless the test counts its assertions. */
const TRY = /\btry\s*\{/;
const COUNTED = /\bexpect\.assertions\(/;

export function weakAssertions(files: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [file, source] of files) {
    // Comments may mention the patterns; only code counts.
    const code = source.replace(/^\s*\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
    if (NOT_TO_THROW_WITH_ARGUMENT.test(code))
      out.push(`${file}: .not.toThrow(<argument>) passes when nothing throws`);
    if (TRY.test(code) && !COUNTED.test(code)) {
      out.push(`${file}: try/catch without expect.assertions(n); assert on thrownBy(…) instead`);
    }
  }
  return out;
}

/** Every *.test.ts under `dirs` (relative to `root`), with its source. */
export function readTests(root: string, dirs: string[]): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (name === 'node_modules') continue;
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.test.ts')) files.set(relative(root, path), readFileSync(path, 'utf8'));
    }
  };
  for (const dir of dirs) walk(join(root, dir));
  return files;
}
