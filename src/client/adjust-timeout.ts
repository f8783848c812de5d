/**
 * WebAuthn L3 §5.1.3 step 4 / §5.1.4.1 step 4: the request's timeout clamped to the client's range.
 * Its own module, with no dependencies, so the relay can keep its own deadline without carrying the
 * option parser (and the Public Suffix List) into every page.
 */

/** Chromium's AdjustTimeout bounds (10 s … 10 min); below 10 s nobody can tap in time. */
export const TIMEOUT_LIMITS = {
  minMs: 10_000,
  maxMs: 600_000,
  /** WebAuthn L3 §15.1 recommended default when user verification is preferred or required. */
  defaultMs: 300_000,
} as const;

/** Any non-number is treated as absent. */
export function adjustTimeout(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return TIMEOUT_LIMITS.defaultMs;
  return Math.min(TIMEOUT_LIMITS.maxMs, Math.max(TIMEOUT_LIMITS.minMs, Math.round(value)));
}

/** The page's `timeout` member of untrusted options, clamped. */
export function timeoutOf(options: unknown): number {
  return adjustTimeout(
    typeof options === 'object' && options !== null ? (options as { timeout?: unknown }).timeout : undefined,
  );
}
