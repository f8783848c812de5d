/**
 * Which origins the workbench may be turned on for, and whether a grant covers a caller now. Only
 * what a developer types in the workbench page: `localhost` and `*.localhost` (any port, http or
 * https), or one serialized origin. Never a page's word: the worker takes these from extension pages
 * only, and the caller's origin from the browser.
 */
import { type FaultSetting, faultApplies } from './fault-spec.ts';
import type { WorkbenchGrant } from './types.ts';

export type PatternResult = { ok: true; pattern: string } | { ok: false; error: string };

const isLocalhost = (host: string) => host === 'localhost' || host.endsWith('.localhost');

/** The pattern a developer's input stands for, or why it cannot be one. */
export function normalizePattern(input: string): PatternResult {
  const text = input.trim().toLowerCase();
  if (text === 'localhost' || text === '*.localhost') return { ok: true, pattern: text };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return {
      ok: false,
      error: `"${input.trim().slice(0, 80)}" is not an origin such as https://dev.example.com or http://localhost:8080`,
    };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, error: `${url.protocol} origins cannot use WebAuthn` };
  }
  // Secure Contexts §3.1, as WebAuthn needs: http only on localhost.
  if (url.protocol === 'http:' && !isLocalhost(url.hostname)) {
    return { ok: false, error: 'http: works only on localhost; use https:' };
  }
  if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
    return { ok: false, error: `use the origin only: ${url.origin}` };
  }
  return { ok: true, pattern: url.origin };
}

/** Whether `pattern` covers the serialized origin `origin`. */
export function patternMatches(pattern: string, origin: string): boolean {
  if (pattern === origin) return true;
  if (pattern !== 'localhost' && pattern !== '*.localhost') return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  return pattern === 'localhost' ? url.hostname === 'localhost' : url.hostname.endsWith('.localhost');
}

/** The grant that covers `origin`, if any (the log is on for it). */
export function grantFor(grants: readonly WorkbenchGrant[], origin: string): WorkbenchGrant | undefined {
  return grants.find((g) => patternMatches(g.pattern, origin));
}

/** Whether automatic presence is on for the grant at `now` (expiry is enforced on use). */
export function autoActive(grant: WorkbenchGrant | undefined, now: number): grant is WorkbenchGrant {
  return grant?.autoPresence === true && (grant.expiresAt === null || grant.expiresAt > now);
}

/**
 * The grant that lets a ceremony run without the prompt: the caller's origin must be covered, and in
 * a cross-origin frame the top-level origin too (an embedder the developer did not list cannot use a
 * listed frame to sign silently).
 */
export function autoGrantFor(
  grants: readonly WorkbenchGrant[],
  caller: { origin: string; topOrigin?: string },
  now: number,
): WorkbenchGrant | undefined {
  const grant = grantFor(grants, caller.origin);
  if (!autoActive(grant, now)) return undefined;
  if (caller.topOrigin && !autoActive(grantFor(grants, caller.topOrigin), now)) return undefined;
  return grant;
}

/** The expiry choices the workbench offers, in minutes (0: never). */
export const EXPIRY_MINUTES = [15, 60, 480, 0] as const;

export function expiresAt(minutes: number, now: number): number | null {
  return minutes === 0 ? null : now + minutes * 60_000;
}

/**
 * The fault for a ceremony from `origin` (the browser's word for the caller), if its grant has one
 * that applies to `kind`. Faults live on grants only, so an origin not listed never gets one.
 */
export function faultFor(
  grants: readonly WorkbenchGrant[],
  origin: string,
  kind: 'create' | 'get',
): FaultSetting | undefined {
  const fault = grantFor(grants, origin)?.fault;
  return fault && faultApplies(fault, kind) ? fault : undefined;
}
