import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.ts';

/**
 * The unit-test config as Stryker runs it (stryker.config.mjs): the base config, setupFiles included,
 * with only the tests that can exercise the mutated folders. popup/, demo/ and the meta-tests in
 * test/unit/ import nothing Stryker mutates, so they would only slow the initial test run.
 */
export default mergeConfig(
  base,
  defineConfig({
    test: {
      include: ['src/**/*.test.ts'],
      // Stryker runs two vitest processes beside whatever else the machine does: a Vault test that
      // derives keys from PINs passed the 5 s default here and failed the initial run. Stryker's own
      // timeout (timeoutMS plus a factor of the measured time) still catches a mutant that loops.
      testTimeout: 60_000,
      hookTimeout: 60_000,
    },
  }),
);
