/**
 * Every test must assert something: a test with no assertion passes whatever the code does (vitest
 * `setupFiles`, so it holds for every unit test). A test that only checks "does not throw" says so
 * with `expect(…).not.toThrow()` or `await expect(…).resolves…`.
 */
import { beforeEach, expect } from 'vitest';

beforeEach(() => {
  expect.hasAssertions();
});
