import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'src/**/*.test.ts',
      'popup/**/*.test.ts',
      'workbench/**/*.test.ts',
      'test/unit/**/*.test.ts',
      'demo/**/*.test.ts',
    ],
    environment: 'node',
    setupFiles: ['test/unit/setup-has-assertions.ts', 'test/unit/setup-i18n.ts'],
    // A PIN costs a 600,000-iteration PBKDF2: a second or more while four test runs share two cores,
    // so a test with a few PINs outlives vitest's 5 s default without anything being wrong.
    testTimeout: 20_000,
  },
});
