import { defineConfig } from 'vitest/config';

// The Firefox end-to-end suite (npm run test:firefox): Debian's firefox-esr with dist-firefox/, one
// test at a time (2 cores, one browser each), never retried (a flake is a bug to find).
export default defineConfig({
  test: {
    include: ['test/firefox/**/*.spec.ts'],
    environment: 'node',
    setupFiles: ['test/unit/setup-has-assertions.ts'],
    fileParallelism: false,
    retry: 0,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
