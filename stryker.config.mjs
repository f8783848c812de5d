// @ts-check
/**
 * Mutation testing (`npm run mutation`, README "Mutation testing"): Stryker breaks the code one small
 * change at a time and checks that some unit test fails. The score is the share of such mutants the
 * tests catch; a run below its floor (scripts/mutation/floors.json, `thresholds.break`) fails.
 *
 * MUTATION_PART=<folder under src/> (set by scripts/mutation.ts) narrows a run to one part, with its
 * own incremental file and reports, so a part can run alone and a small machine can run them in turn.
 * Without it, one run covers every part (reports/mutation/).
 */
import { readFileSync } from 'node:fs';

/** @type {Record<string, number | string | null>} */
const floors = JSON.parse(readFileSync(new URL('./scripts/mutation/floors.json', import.meta.url), 'utf8'));
const PARTS = Object.keys(floors).filter((key) => key !== 'all' && !key.startsWith('$'));
const part = process.env.MUTATION_PART;
if (part !== undefined && !PARTS.some((p) => part === p || part.startsWith(`${p}/`))) {
  throw new Error(`MUTATION_PART is "${part}", expected one of ${PARTS.join(', ')} or a folder inside one`);
}
const out = part === undefined ? 'reports/mutation' : `reports/mutation/parts/${part.replaceAll('/', '-')}`;
const floor = floors[part ?? 'all'];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.stryker.config.ts', related: true },
  // Each mutant runs only the tests that reached it in the initial run.
  coverageAnalysis: 'perTest',
  mutate: [
    ...(part === undefined ? PARTS : [part]).map((p) => `src/${p}/**/*.ts`),
    '!src/**/*.test.ts',
    // Fakes and fixtures for the tests, not shipped code.
    '!src/**/testing/**',
    // Declarations only: interfaces, type unions, the COSE_ALG table.
    '!src/**/*.d.ts',
    '!src/**/types.ts',
    '!src/authenticator/ports.ts',
  ],
  // Mutants in code that runs when a module loads (constant tables, option objects) need every
  // test re-run in a fresh environment: measured here, 28% of the authenticator's mutants took 93%
  // of the time. They are reported as Ignored, not counted in the score.
  ignoreStatic: true,
  // 2 cores here; each worker is one vitest process.
  concurrency: 2,
  // Re-runs test only the mutants whose code or tests changed since the recorded run.
  incremental: true,
  incrementalFile: `${out}/incremental.json`,
  reporters: ['clear-text', 'html', 'json', 'progress'],
  htmlReporter: { fileName: `${out}/mutation.html` },
  jsonReporter: { fileName: `${out}/mutation.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true, skipFull: true },
  // A part without a floor (a folder inside a part) only reports.
  thresholds: { high: 80, low: 60, break: typeof floor === 'number' ? floor : null },
  // Stryker rewrites the tsconfig it copies into its sandbox (only for `extends`/`references` that
  // point outside; ours has none) through the TypeScript JS API, which TypeScript 7 no longer ships:
  // naming a file that does not exist skips that step. For the same reason there is no type checker.
  tsconfigFile: 'tsconfig.stryker-skip.json',
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
