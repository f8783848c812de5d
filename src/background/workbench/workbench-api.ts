/**
 * The workbench/* messages: the log, the origins it is on for, and the credential fixtures. The
 * onMessage listener in service-worker.ts answers only our own pages, never a web page.
 */

import { t } from '../../i18n/messages.ts';
import type { Handlers, WorkerName } from '../../messages/protocol.ts';
import { toBase64url } from '../../shared/bytes.ts';
import { editCredential } from '../../storage/edit-credential.ts';
import { PinError, VaultLockedError } from '../../storage/vault-key.ts';
import { exportShape, importShapes } from '../../workbench-core/credential-shapes.ts';
import { checkCounter, newCredential } from '../../workbench-core/new-credential.ts';
import { expiresAt, normalizePattern } from '../../workbench-core/origin-rules.ts';
import { aaguidBytes, needsTestCa, ZERO_AAGUID } from '../../workbench-core/profile-setting.ts';
import { makeTestCa } from '../../workbench-core/test-ca.ts';
import type { WorkbenchCredential, WorkbenchGrant } from '../../workbench-core/types.ts';
import { sentence } from '../sentence.ts';
import type { Vault } from '../vault/vault.ts';
import { refreshAutoBadge } from './badge.ts';
import { clearLog, readLog } from './ceremony-log.ts';
import { forgetFrozenCounters } from './frozen-counters.ts';
import { listGrants, saveGrants } from './grants.ts';

type WorkbenchName = Extract<WorkerName, `workbench/${string}`>;
type Failure = { ok: false; error: string; needsPin?: boolean; retriesLeft?: number };

function failure(e: unknown): Failure {
  if (e instanceof VaultLockedError) return { ok: false, error: t('error_enterPin'), needsPin: true };
  if (e instanceof PinError) {
    const out: Failure = { ok: false, error: sentence(e.message), needsPin: e.reason === 'wrong' };
    if (e.retriesLeft !== undefined) out.retriesLeft = e.retriesLeft;
    return out;
  }
  if (e instanceof TypeError) return { ok: false, error: sentence(e.message) };
  throw e;
}

/** Private keys leave only after the PIN, when one is set (as the backup export asks). */
async function confirmPin(vault: Vault, pin: string | undefined): Promise<Failure | undefined> {
  if (!(await vault.pinIsSet())) return undefined;
  if (!pin) return { ok: false, error: t('error_enterPinContinue'), needsPin: true };
  await vault.unlock(pin);
  return undefined;
}

const random = { bytes: (n: number) => crypto.getRandomValues(new Uint8Array(n)) };

/** Adding a key seals it with the vault key: a locked vault needs the PIN first. */
async function unlockFor(vault: Vault, pin: string | undefined): Promise<Failure | undefined> {
  if (!(await vault.isLocked())) return undefined;
  if (!pin) return { ok: false, error: t('error_enterPinContinue'), needsPin: true };
  await vault.unlock(pin);
  return undefined;
}

/** A grant as our pages see it: the test CA's attestation key stays in the worker. */
function publicGrant(grant: WorkbenchGrant): WorkbenchGrant {
  if (!grant.testCa) return grant;
  const { leafKey: _key, ...testCa } = grant.testCa;
  return { ...grant, testCa };
}

async function changed(grants: WorkbenchGrant[]): Promise<WorkbenchGrant[]> {
  const saved = await saveGrants(grants);
  refreshAutoBadge(saved);
  return saved.map(publicGrant);
}

export function workbenchHandlers(vault: Vault): Handlers<WorkbenchName> {
  return {
    'workbench/log': ({ have }) => readLog(have),
    'workbench/clear-log': async () => {
      await clearLog();
      return { ok: true };
    },
    'workbench/grants': async () => ({ grants: (await listGrants()).map(publicGrant), now: Date.now() }),
    'workbench/grant': async ({ pattern, autoPresence, autoUv, minutes }) => {
      const normalized = normalizePattern(pattern);
      if (!normalized.ok) return { ok: false, error: sentence(normalized.error) };
      const now = Date.now();
      const grants = await listGrants();
      const others = grants.filter((g) => g.pattern !== normalized.pattern);
      const before = grants.find((g) => g.pattern === normalized.pattern);
      const grant: WorkbenchGrant = {
        pattern: normalized.pattern,
        addedAt: now,
        autoPresence,
        autoUv: autoPresence && autoUv,
        expiresAt: autoPresence ? expiresAt(minutes, now) : null,
      };
      // Changing automatic presence keeps the origin's fault and profile.
      if (before?.fault) grant.fault = before.fault;
      if (before?.profile) grant.profile = before.profile;
      if (before?.testCa) grant.testCa = before.testCa;
      return { ok: true, grants: await changed([...others, grant]) };
    },
    'workbench/set-fault': async ({ pattern, fault }) => {
      const grants = await listGrants();
      const grant = grants.find((g) => g.pattern === pattern);
      // Faults only for an origin the developer listed first.
      if (!grant) return { ok: false, error: t('error_notListed', pattern) };
      const { fault: _old, ...rest } = grant;
      const next: WorkbenchGrant = fault ? { ...rest, fault } : rest;
      await forgetFrozenCounters();
      return { ok: true, grants: await changed(grants.map((g) => (g === grant ? next : g))) };
    },
    'workbench/revoke': async ({ pattern }) => ({
      grants: await changed((await listGrants()).filter((g) => g.pattern !== pattern)),
    }),
    'workbench/export-credentials': async ({ shape, rpId, pin }) => {
      try {
        const refused = await confirmPin(vault, pin);
        if (refused) return refused;
        const { passkeys } = await vault.exportAll({ bypassOrigins: [] });
        // A backup carries the reserved counter top (safe to restore after a crash); a test fixture
        // carries the value last used, the one the relying party saw, as the Passkeys list shows.
        const lastUsed = new Map(
          (await (await vault.credentials()).listAll()).map((c) => [
            toBase64url(c.credentialId),
            c.signCount,
          ]),
        );
        const chosen = (rpId ? passkeys.filter((p) => p.rpId === rpId) : passkeys).map((p) => ({
          ...p,
          signCount: lastUsed.get(p.credentialId) ?? p.signCount,
        }));
        const day = new Date().toISOString().slice(0, 10);
        return {
          ok: true,
          text: exportShape(shape, chosen),
          fileName: `tapkey-${shape}-credentials${rpId ? `-${rpId}` : ''}-${day}.json`,
          count: chosen.length,
        };
      } catch (e) {
        return failure(e);
      }
    },
    'workbench/set-profile': async ({ pattern, profile }) => {
      const grants = await listGrants();
      const grant = grants.find((g) => g.pattern === pattern);
      // Profiles only for an origin the developer listed first.
      if (!grant) return { ok: false, error: t('error_notListed', pattern) };
      const { profile: _old, testCa, ...rest } = grant;
      const next: WorkbenchGrant = { ...rest };
      if (profile) {
        next.profile = profile;
        if (needsTestCa(profile)) {
          // fido-u2f has no AAGUID (§8.6); packed names the profile's in the certificate (§8.2.1).
          const aaguid = profile.attestation === 'fido-u2f' ? ZERO_AAGUID : profile.aaguid;
          if (testCa?.leafKey && testCa.aaguid === aaguid) next.testCa = testCa;
          else {
            const ca = makeTestCa({
              random,
              now: Date.now(),
              label: pattern,
              ...(aaguid === ZERO_AAGUID ? {} : { aaguid: aaguidBytes(aaguid) }),
            });
            next.testCa = {
              root: toBase64url(ca.root),
              leaf: toBase64url(ca.leaf),
              leafKey: toBase64url(ca.leafKey),
              aaguid,
            };
          }
        }
      }
      return { ok: true, grants: await changed(grants.map((g) => (g === grant ? next : g))) };
    },
    'workbench/credentials': async ({ rpId }) => {
      const store = await vault.credentials();
      const all = rpId === undefined ? await store.listAll() : await store.listForRp(rpId);
      const credentials = all.map((c): WorkbenchCredential => {
        const view: WorkbenchCredential = {
          id: toBase64url(c.credentialId),
          rpId: c.rpId,
          rpName: c.rpName,
          userHandle: toBase64url(c.userHandle),
          userName: c.userName,
          userDisplayName: c.userDisplayName,
          discoverable: c.discoverable,
          alg: c.alg,
          signCount: c.signCount,
          createdAt: c.createdAt,
          lastUsedAt: c.lastUsedAt,
        };
        if (c.hidden) view.hidden = true;
        return view;
      });
      return { credentials };
    },
    'workbench/add-credential': async ({ credential, pin }) => {
      try {
        const refused = await unlockFor(vault, pin);
        if (refused) return refused;
        const made = newCredential(credential, random, Date.now());
        // One strict transaction (credential-store.ts add); a discoverable one replaces the same
        // user's at that RP, as a ceremony would (CTAP 2.1 §6.1.2 step 17).
        await (await vault.credentials()).add(made);
        return { ok: true, id: toBase64url(made.credentialId) };
      } catch (e) {
        return failure(e);
      }
    },
    'workbench/edit-credential': async ({ id, signCount, userName, userDisplayName }) => {
      try {
        if (signCount !== undefined) checkCounter(signCount);
        if (userName !== undefined && !userName.trim()) throw new TypeError(t('error_userNameEmpty'));
        if (userDisplayName !== undefined && !userDisplayName.trim())
          throw new TypeError(t('error_displayNameEmpty'));
        const edit = {
          ...(signCount !== undefined ? { signCount } : {}),
          ...(userName !== undefined ? { userName } : {}),
          ...(userDisplayName !== undefined ? { userDisplayName } : {}),
        };
        const found = await editCredential(await vault.db(), id, edit);
        return found ? { ok: true } : { ok: false, error: t('error_passkeyGone') };
      } catch (e) {
        const out = failure(e);
        return { ok: false, error: out.error };
      }
    },
    'workbench/delete-credential': async ({ id }) => ({
      ok: await (await vault.credentials()).delete(id),
    }),
    'workbench/import-credentials': async ({ text, pin }) => {
      try {
        const refused = await confirmPin(vault, pin);
        if (refused) return refused;
        const { passkeys } = importShapes(text, Date.now());
        const result = await vault.restore(
          { passkeys, accounts: [], settings: { bypassOrigins: [] } },
          'skip',
          'as-given',
        );
        return { ok: true, added: result.passkeysAdded, updated: result.passkeysUpdated };
      } catch (e) {
        return failure(e);
      }
    },
  };
}
