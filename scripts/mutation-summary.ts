/**
 * `tsx scripts/mutation-summary.ts [report.json …] [--survivors <path prefix> …]` (run by
 * `npm run mutation`): per-folder counts and scores from Stryker's JSON reports. Without report
 * arguments it reads every part's report under reports/mutation/parts/, or else the whole-run
 * report reports/mutation/mutation.json. `--survivors` lists the mutants no test caught (survived or
 * not covered) in the files under each prefix, as file:line:column, mutator and replacement.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Location, MutantResult, MutationTestResult } from 'mutation-testing-report-schema/api';
import { add, coveredScore, emptyTally, score, type Tally, tallyByFolder } from './mutation/tally.ts';

const PARTS_DIR = 'reports/mutation/parts';
const WHOLE_RUN = 'reports/mutation/mutation.json';

function defaultReports(): string[] {
  const parts = existsSync(PARTS_DIR)
    ? readdirSync(PARTS_DIR)
        .map((part) => join(PARTS_DIR, part, 'mutation.json'))
        .filter((file) => existsSync(file))
        // Oldest first: where a folder was also run on its own, its newest result counts.
        .sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs)
    : [];
  if (parts.length > 0) return parts;
  if (existsSync(WHOLE_RUN)) return [WHOLE_RUN];
  throw new Error(`no report: expected ${PARTS_DIR}/*/mutation.json or ${WHOLE_RUN}; run npm run mutation`);
}

function parseArgs(argv: string[]): { reports: string[]; survivors: string[] } {
  const reports: string[] = [];
  const survivors: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--survivors') {
      const prefix = argv[++i];
      if (prefix === undefined) throw new Error('--survivors needs a path prefix, e.g. src/client/rp-id.ts');
      survivors.push(prefix);
    } else reports.push(arg);
  }
  return { reports: reports.length > 0 ? reports : defaultReports(), survivors };
}

const percent = (n: number | undefined): string => (n === undefined ? 'n/a' : n.toFixed(2));

function row(name: string, t: Tally): string[] {
  return [
    name,
    String(t.killed),
    String(t.timeout),
    String(t.survived),
    String(t.unmeasured),
    String(t.noCoverage),
    String(t.errors),
    String(t.ignored),
    percent(score(t)),
    percent(coveredScore(t)),
  ];
}

function printTable(rows: string[][]): void {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => r[col]!.length)));
  for (const r of rows) {
    console.log(
      r.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!))).join('  '),
    );
  }
}

/** Folders grouped under their part (first path segment), with a subtotal per part and a total. */
function summary(byFolder: Map<string, Tally>): void {
  const rows = [
    ['folder', 'killed', 'timeout', 'survived', '0 tests', 'no cov', 'errors', 'ignored', 'score', 'covered'],
  ];
  const total = emptyTally();
  const parts = new Map<string, string[]>();
  for (const folder of byFolder.keys()) {
    const part = folder.split('/')[0]!;
    parts.set(part, [...(parts.get(part) ?? []), folder]);
  }
  for (const [part, folders] of parts) {
    const partTally = emptyTally();
    for (const folder of folders) {
      const t = byFolder.get(folder)!;
      add(partTally, t);
      if (folders.length > 1) rows.push(row(`  ${folder}`, t));
    }
    rows.push(row(folders.length > 1 ? `${part} (all)` : part, partTally));
    add(total, partTally);
  }
  rows.push(row('total', total));
  printTable(rows);
  console.log(
    [
      '',
      'score = (killed + timeout) / (killed + timeout + survived + no coverage), as Stryker counts it;',
      'covered = the same without no coverage; ignored = static mutants (ignoreStatic), not counted;',
      '0 tests = survivors whose run completed no test (stryker-js#6213): not evidence; re-run with --force.',
    ].join('\n'),
  );
}

function oneLine(text: string | undefined): string {
  const flat = (text ?? '').replace(/\s+/g, ' ').trim();
  return flat.length > 100 ? `${flat.slice(0, 97)}...` : flat;
}

/** The source text a mutant replaces (lines and columns are 1-based, the end column exclusive). */
function textAt(source: string, { start, end }: Location): string {
  const lines = source.split('\n').slice(start.line - 1, end.line);
  if (lines.length === 0) return '';
  lines[lines.length - 1] = lines[lines.length - 1]!.slice(
    0,
    start.line === end.line ? end.column - 1 : end.column - 1,
  );
  lines[0] = lines[0]!.slice(start.column - 1);
  return lines.join('\n');
}

const byPosition = (a: MutantResult, b: MutantResult): number =>
  a.location.start.line - b.location.start.line || a.location.start.column - b.location.start.column;

/** Survivors one per line; mutants in code no test runs only as their line numbers. */
function printFile(file: string, source: string, mutants: MutantResult[]): number {
  const survived = mutants.filter((m) => m.status === 'Survived').sort(byPosition);
  const uncovered = mutants.filter((m) => m.status === 'NoCoverage');
  for (const m of survived) {
    const where = `${file}:${m.location.start.line}:${m.location.start.column}`;
    const zero = m.testsCompleted === 0 ? ' [0 tests ran]' : '';
    const original = oneLine(textAt(source, m.location));
    console.log(`  ${where}  ${m.mutatorName}${zero}  ${original} => ${oneLine(m.replacement)}`);
  }
  if (uncovered.length > 0) {
    const lines = [...new Set(uncovered.map((m) => m.location.start.line))].sort((a, b) => a - b);
    console.log(`  ${file}: ${uncovered.length} mutants no test reaches, lines ${lines.join(', ')}`);
  }
  return survived.length + uncovered.length;
}

function printSurvivors(reports: MutationTestResult[], prefixes: string[]): void {
  for (const prefix of prefixes) {
    console.log(`\nNot caught under ${prefix}:`);
    let found = 0;
    for (const report of reports) {
      for (const [file, result] of Object.entries(report.files)) {
        if (file.startsWith(prefix)) found += printFile(file, result.source, result.mutants);
      }
    }
    if (found === 0) console.log('  none');
  }
}

const { reports: files, survivors } = parseArgs(process.argv.slice(2));
const reports = files.map((file) => JSON.parse(readFileSync(file, 'utf8')) as MutationTestResult);
console.log(`Mutation score per folder (${files.join(', ')}):\n`);
summary(tallyByFolder(reports));
printSurvivors(reports, survivors);
