/**
 * For tests: what a call throws, as a value to assert on. Tests keep no try/catch of their own (an
 * assertion inside a catch is skipped when nothing throws); they assert on this value instead, which
 * is NOTHING_THROWN when the call returned.
 */
export const NOTHING_THROWN = Symbol('nothing thrown');

export function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return NOTHING_THROWN;
}

/** The name of the error `run` throws ('ok' when it returns): for tables of inputs and outcomes. */
export function outcomeOf(run: () => unknown): string {
  const error = thrownBy(run);
  if (error === NOTHING_THROWN) return 'ok';
  return error instanceof Error ? error.name : `not an Error: ${String(error)}`;
}
