/**
 * Counts a Stryker report (mutation-testing-report-schema) per folder and scores it the way Stryker
 * does: detected (killed or timed out) over valid mutants (detected, survived, no coverage); compile
 * and runtime errors and ignored (static) mutants are not counted.
 */
import type { MutantResult, MutationTestResult } from 'mutation-testing-report-schema/api';

export interface Tally {
  killed: number;
  timeout: number;
  survived: number;
  /**
   * Survivors whose run completed no test: under load the vitest runner can lose a run and report
   * it as survived (stryker-js#6213). Counted in `survived`, as Stryker does; re-check these.
   */
  unmeasured: number;
  noCoverage: number;
  errors: number;
  ignored: number;
}

export function emptyTally(): Tally {
  return { killed: 0, timeout: 0, survived: 0, unmeasured: 0, noCoverage: 0, errors: 0, ignored: 0 };
}

export function count(tally: Tally, mutant: MutantResult): void {
  switch (mutant.status) {
    case 'Killed':
      tally.killed++;
      break;
    case 'Timeout':
      tally.timeout++;
      break;
    case 'Survived':
      tally.survived++;
      if (mutant.testsCompleted === 0) tally.unmeasured++;
      break;
    case 'NoCoverage':
      tally.noCoverage++;
      break;
    case 'CompileError':
    case 'RuntimeError':
      tally.errors++;
      break;
    case 'Ignored':
    case 'Pending':
      tally.ignored++;
      break;
  }
}

export function add(into: Tally, from: Tally): void {
  for (const key of Object.keys(into) as (keyof Tally)[]) into[key] += from[key];
}

/** Stryker's mutation score in percent, or undefined when there is no valid mutant. */
export function score(t: Tally): number | undefined {
  const valid = t.killed + t.timeout + t.survived + t.noCoverage;
  return valid === 0 ? undefined : (100 * (t.killed + t.timeout)) / valid;
}

/** The score over covered code only: what the tests that run this code miss. */
export function coveredScore(t: Tally): number | undefined {
  const covered = t.killed + t.timeout + t.survived;
  return covered === 0 ? undefined : (100 * (t.killed + t.timeout)) / covered;
}

/** `src/background/ceremony/gate.ts` → `background/ceremony`. */
export function folderOf(file: string): string {
  const parts = file.replaceAll('\\', '/').split('/');
  parts.pop();
  if (parts[0] === 'src') parts.shift();
  return parts.join('/') || '.';
}

/** Tallies per folder over one or more reports (a file in two reports counts once: the later wins). */
export function tallyByFolder(reports: MutationTestResult[]): Map<string, Tally> {
  const files = new Map<string, MutantResult[]>();
  for (const report of reports) {
    for (const [file, result] of Object.entries(report.files)) files.set(file, result.mutants);
  }
  const folders = new Map<string, Tally>();
  for (const [file, mutants] of files) {
    const folder = folderOf(file);
    const tally = folders.get(folder) ?? emptyTally();
    for (const mutant of mutants) count(tally, mutant);
    folders.set(folder, tally);
  }
  return new Map([...folders].sort(([a], [b]) => a.localeCompare(b)));
}
