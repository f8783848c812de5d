/**
 * `npm run mutation [-- <part> …] [-- <stryker option> …]`: Stryker over each part of the code in
 * turn (stryker.config.mjs, MUTATION_PART), then the per-folder summary (mutation-summary.ts).
 * Parts are the keys of scripts/mutation/floors.json, or a folder inside one (`background/vault`);
 * no part named means all of them. Other arguments (`--force`, `--logLevel debug`) go to Stryker.
 * Exits non-zero when a part scores below its floor or Stryker fails.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const floors = JSON.parse(readFileSync(new URL('./mutation/floors.json', import.meta.url), 'utf8')) as Record<
  string,
  unknown
>;
const ALL_PARTS = Object.keys(floors).filter((key) => key !== 'all' && !key.startsWith('$'));

const args = process.argv.slice(2);
const isPart = (arg: string): boolean => ALL_PARTS.some((p) => arg === p || arg.startsWith(`${p}/`));
const named = args.filter(isPart);
const strykerArgs = args.filter((arg) => !isPart(arg));
const parts = named.length > 0 ? named : ALL_PARTS;

const failed: string[] = [];
for (const part of parts) {
  const started = Date.now();
  console.log(`\n== mutation: ${part}`);
  const run = spawnSync('npx', ['stryker', 'run', ...strykerArgs], {
    stdio: 'inherit',
    env: { ...process.env, MUTATION_PART: part },
  });
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  console.log(`== mutation: ${part} took ${minutes} min, exit ${run.status ?? run.signal}`);
  if (run.status !== 0) failed.push(part);
}

spawnSync('npx', ['tsx', 'scripts/mutation-summary.ts'], { stdio: 'inherit' });
if (failed.length > 0) {
  console.error(`\nmutation: below the floor or failed: ${failed.join(', ')} (scripts/mutation/floors.json)`);
  process.exit(1);
}
