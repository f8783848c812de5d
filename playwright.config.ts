import { defineConfig } from '@playwright/test';

// Each test launches Debian's Chromium with the built extension and its own fresh profile; the machine
// has 2 cores, so one worker keeps timings honest and the popup focus predictable. No retries, in CI
// or here: a test that passes on its second try is a flake, and a flake is a bug to find.
export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: { trace: 'off' },
  outputDir: process.env.PLAYWRIGHT_OUTPUT_DIR ?? 'test-results',
});
