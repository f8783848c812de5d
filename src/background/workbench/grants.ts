/**
 * The origins the workbench is on for, in storage.local (extension-only; pages cannot read or write
 * it). Changed only through workbench/* messages from our own pages. Read on every ceremony, so the
 * list is cached and kept fresh by storage.onChanged (another worker life, or a test, may change it).
 */
import browser from 'webextension-polyfill';
import { isFaultSetting } from '../../workbench-core/fault-spec.ts';
import { isProfileSetting, isStoredTestCa } from '../../workbench-core/profile-setting.ts';
import type { WorkbenchGrant } from '../../workbench-core/types.ts';

export const GRANTS_KEY = 'workbench/grants';

let cache: WorkbenchGrant[] | undefined;

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

const parse = (v: unknown): WorkbenchGrant[] => (Array.isArray(v) ? v.filter(isGrant).map(toGrant) : []);

browser.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && GRANTS_KEY in changes) cache = parse(changes[GRANTS_KEY]?.newValue);
});

export async function listGrants(): Promise<WorkbenchGrant[]> {
  if (cache) return cache;
  const got = await browser.storage.local.get(GRANTS_KEY);
  cache = parse(got[GRANTS_KEY]);
  return cache;
}

export async function saveGrants(grants: WorkbenchGrant[]): Promise<WorkbenchGrant[]> {
  const sorted = [...grants].sort((a, b) => a.pattern.localeCompare(b.pattern));
  cache = sorted;
  await browser.storage.local.set({ [GRANTS_KEY]: sorted });
  return sorted;
}
