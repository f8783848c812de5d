/**
 * Reads the project's import graph and checks it against the layering rules in import-rules.test.ts.
 * Works on a map of file → source, so the test can feed it fixtures as well as the real tree.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

export interface Rule {
  /** What the rule keeps true, in a sentence the next engineer can follow. */
  name: string;
  /** Files the rule applies to (path prefixes, relative to the repository root). */
  from: string[];
  /** Imports they must not make: repository paths or package names, by prefix. */
  forbid: string[];
  /** Exceptions to `forbid`, by prefix. */
  allow?: string[];
}

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every module specifier a source imports (static, re-exports and dynamic imports). */
export function importsOf(source: string): string[] {
  const text = source.replace(/^\s*\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');
  return [...text.matchAll(IMPORT)].map((m) => (m[1] ?? m[2])!);
}

/** A relative specifier as a repository path; a package name stays as it is. */
export function resolve(file: string, specifier: string): string {
  return specifier.startsWith('.') ? normalize(join(dirname(file), specifier)) : specifier;
}

/** `path` is one of `prefixes`, or inside one of them. */
const under = (path: string, prefixes: string[]) =>
  prefixes.some((p) => path === p || path.startsWith(`${p}/`));

export function violations(files: Map<string, string>, rules: Rule[]): string[] {
  const out: string[] = [];
  for (const [file, source] of files) {
    for (const specifier of importsOf(source)) {
      const target = resolve(file, specifier);
      for (const rule of rules) {
        if (!under(file, rule.from) || !under(target, rule.forbid)) continue;
        if (rule.allow && under(target, rule.allow)) continue;
        out.push(`${file} imports ${target}: ${rule.name}`);
      }
    }
  }
  return out;
}

/** Import cycles among the given files, each as the path around it. */
export function cycles(files: Map<string, string>): string[][] {
  const edges = new Map<string, string[]>();
  for (const [file, source] of files) {
    edges.set(
      file,
      importsOf(source)
        .filter((s) => s.startsWith('.'))
        .map((s) => resolve(file, s))
        .filter((t) => files.has(t)),
    );
  }
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of edges.get(file) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of [...files.keys()].sort()) if (!state.has(file)) visit(file);
  return found;
}

/** The TypeScript sources under `dirs` (tests left out), keyed by repository path. */
export function readTree(root: string, dirs: string[]): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith('.ts') && !path.endsWith('.test.ts')) {
        files.set(relative(root, path), readFileSync(path, 'utf8'));
      }
    }
  };
  for (const dir of dirs) walk(join(root, dir));
  return files;
}
