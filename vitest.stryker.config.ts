import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

/**
 * The unit-test config as Stryker runs it (stryker.config.mjs): the base config (setupFiles and all)
 * with only the tests in src/. popup/, demo/ and the meta-tests in test/unit/ reach nothing Stryker
 * mutates (none was related to a mutated file in the baseline), so they would only slow the initial
 * run. Spread rather than mergeConfig, which would append to `include` instead of replacing it.
 */
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['src/**/*.test.ts'],
    // Stryker runs two vitest processes beside whatever else the machine does: a Vault test that
    // derives keys from PINs passed the 5 s default here and failed the initial run. Stryker's own
    // timeout (timeoutMS plus a factor of the measured time) still catches a mutant that loops.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
