/**
 * The developer workbench's runtime messages (issue 10), merged into the one map in `protocol.ts`.
 * Sent only by extension pages (the workbench page, the popup): the worker's onMessage listener
 * drops anything whose sender is not one of our own pages, so a web page can neither turn the
 * workbench on, read the log, nor learn that it is on.
 */
import type { FaultSetting } from '../workbench-core/fault-spec.ts';
import type { NewCredentialInput } from '../workbench-core/new-credential.ts';
import type { ProfileSetting } from '../workbench-core/profile-setting.ts';
import type {
  CeremonyLogEntry,
  CredentialShape,
  WorkbenchCredential,
  WorkbenchGrant,
} from '../workbench-core/types.ts';

type Empty = Record<string, never>;

/**
 * The storage.local key of the ceremony log's index: a workbench page watches it to hear of new
 * entries, then asks for them with `workbench/log`.
 */
export const LOG_INDEX_KEY = 'workbench/log-index';

/** `needsPin`: enter the PIN (again) and retry; `retriesLeft` after a wrong one. */
type WorkbenchFailure = { ok: false; error: string; needsPin?: boolean; retriesLeft?: number };

export interface WorkbenchProtocol {
  /**
   * The ceremony log: every entry's id, newest first, and the entries not in `have` (those a page
   * already shows; absent: all of them).
   */
  'workbench/log': {
    request: { have?: string[] };
    response: { ids: string[]; entries: CeremonyLogEntry[] };
  };
  'workbench/clear-log': { request: Empty; response: { ok: true } };
  /** The origins the workbench is on for, with their automatic presence. */
  'workbench/grants': { request: Empty; response: { grants: WorkbenchGrant[]; now: number } };
  /**
   * Turns the workbench on for an origin the developer typed (or changes it): the log always,
   * automatic presence (and UV) if asked, ending after `minutes` (0: never).
   */
  'workbench/grant': {
    request: { pattern: string; autoPresence: boolean; autoUv: boolean; minutes: number };
    response: { ok: true; grants: WorkbenchGrant[] } | { ok: false; error: string };
  };
  'workbench/revoke': { request: { pattern: string }; response: { grants: WorkbenchGrant[] } };
  /** Sets (or, with null, clears) the fault injected into a listed origin's ceremonies. */
  'workbench/set-fault': {
    request: { pattern: string; fault: FaultSetting | null };
    response: { ok: true; grants: WorkbenchGrant[] } | { ok: false; error: string };
  };
  /** Passkeys with their private keys, as test fixtures: the PIN first when one is set. */
  'workbench/export-credentials': {
    request: { shape: CredentialShape; rpId?: string; pin?: string };
    response: WorkbenchFailure | { ok: true; text: string; fileName: string; count: number };
  };
  /**
   * Sets (or, with null, clears) the authenticator profile of a listed origin. A profile that attests
   * with a certificate gets a test CA made here (kept while its AAGUID stays the same).
   */
  'workbench/set-profile': {
    request: { pattern: string; profile: ProfileSetting | null };
    response: { ok: true; grants: WorkbenchGrant[] } | { ok: false; error: string };
  };
  /** Every passkey (or one RP's), with ids, names and counters (no key material). */
  'workbench/credentials': {
    request: { rpId?: string };
    response: { credentials: WorkbenchCredential[] };
  };
  /** Adds a passkey with a new key or a pasted PKCS#8 one; a locked vault needs the PIN. */
  'workbench/add-credential': {
    request: { credential: NewCredentialInput; pin?: string };
    response: WorkbenchFailure | { ok: true; id: string };
  };
  /** Sets a passkey's counter and names (each optional), in one transaction. */
  'workbench/edit-credential': {
    request: { id: string; signCount?: number; userName?: string; userDisplayName?: string };
    response: { ok: true } | { ok: false; error: string };
  };
  'workbench/delete-credential': { request: { id: string }; response: { ok: boolean } };
  /** Adds the credentials of a Playwright or CDP fixture file (ES256 and Ed25519), counters as given. */
  'workbench/import-credentials': {
    request: { text: string; pin?: string };
    response: WorkbenchFailure | { ok: true; added: number; updated: number };
  };
}
