/**
 * The origins the workbench is on for, in storage.local (extension-only; pages cannot read or write
 * it). Changed only through workbench/* messages from our own pages. Read on every ceremony, so the
 * list is served from memory (cached-local.ts).
 */
import { isFaultSetting } from '../../workbench-core/fault-spec.ts';
import { isProfileSetting, isStoredTestCa } from '../../workbench-core/profile-setting.ts';
import type { WorkbenchGrant } from '../../workbench-core/types.ts';
import { cachedLocal } from '../cached-local.ts';

export const GRANTS_KEY = 'workbench/grants';

function isGrant(v: unknown): v is WorkbenchGrant {
  if (typeof v !== 'object' || v === null) return false;
  const g = v as Record<string, unknown>;
  return (
    typeof g.pattern === 'string' &&
    typeof g.addedAt === 'number' &&
    typeof g.autoPresence === 'boolean' &&
    typeof g.autoUv === 'boolean' &&
    (g.expiresAt === null || typeof g.expiresAt === 'number')
  );
}

/** A stored grant as the worker trusts it: known members only; a fault that does not check is dropped. */
function toGrant(g: WorkbenchGrant): WorkbenchGrant {
  const grant: WorkbenchGrant = {
    pattern: g.pattern,
    addedAt: g.addedAt,
    autoPresence: g.autoPresence,
    autoUv: g.autoUv,
    expiresAt: g.expiresAt,
  };
  if (isFaultSetting(g.fault)) grant.fault = g.fault;
  if (isProfileSetting(g.profile)) grant.profile = g.profile;
  if (isStoredTestCa(g.testCa)) grant.testCa = g.testCa;
  return grant;
}

const stored = cachedLocal(GRANTS_KEY, (v: unknown): WorkbenchGrant[] =>
  Array.isArray(v) ? v.filter(isGrant).map(toGrant) : [],
);

export function listGrants(): Promise<WorkbenchGrant[]> {
  return stored.get();
}

export async function saveGrants(grants: WorkbenchGrant[]): Promise<WorkbenchGrant[]> {
  const sorted = [...grants].sort((a, b) => a.pattern.localeCompare(b.pattern));
  await stored.set(sorted);
  return sorted;
}
