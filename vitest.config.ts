import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'popup/**/*.test.ts', 'test/unit/**/*.test.ts', 'demo/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['test/unit/setup-has-assertions.ts'],
  },
});
