/** Waiting for a condition, never for a fixed time. */

/**
 * Polls `read` until it gives something (not undefined, null or false), as a test waits for a
 * condition rather than a fixed time. Real turns of the event loop, so IndexedDB and PBKDF2 move on.
 */
export async function until<T>(
  read: () => T | Promise<T>,
  what = 'the condition',
): Promise<Exclude<NonNullable<T>, false>> {
  const giveUp = performance.now() + 10_000;
  for (;;) {
    const value = await read();
    if (value !== undefined && value !== null && value !== false)
      return value as Exclude<NonNullable<T>, false>;
    if (performance.now() > giveUp) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}
