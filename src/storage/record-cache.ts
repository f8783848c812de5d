/**
 * The credential records this worker read, kept while they are certainly still the stored ones: no
 * read-write transaction on the credentials has been opened since they were read (credential-writes.ts
 * counts them, and IndexedDB runs one opened before a read ahead of it). A sign-in's lookup is then
 * served from memory (an IndexedDB read costs about 3 ms in Chrome, most of the worker's share of a
 * sign-in with automatic presence). Any write clears everything, except the counter's own write-behind,
 * which writes what the cached record already says (`writingBehind`).
 */
import { credentialsGeneration, credentialsWritten } from './credential-writes.ts';
import type { CredentialRecord } from './schema.ts';

/** Enough for every passkey a session signs in with; a bound so a vault of 10,000 is not all kept. */
export const RECORD_CACHE_LIMIT = 512;

export class RecordCache {
  private readonly byId = new Map<string, CredentialRecord>();
  /** All the records of a site (the `rpId` index), by their IDs in byId. */
  private readonly bySite = new Map<string, string[]>();
  private generation: number;

  constructor(private readonly db: object) {
    this.generation = credentialsGeneration(db);
  }

  /** The write count now: pass it to `keep` for records read in a transaction opened now. */
  now(): number {
    return credentialsGeneration(this.db);
  }

  private current(): boolean {
    if (this.generation === credentialsGeneration(this.db)) return true;
    this.byId.clear();
    this.bySite.clear();
    this.generation = credentialsGeneration(this.db);
    return false;
  }

  /** The record `id`, if it was read and nothing may have changed it since. */
  get(id: string): CredentialRecord | undefined {
    return this.current() ? this.byId.get(id) : undefined;
  }

  /** Every record of `rpId`, if they were read together and nothing may have changed them since. */
  site(rpId: string): CredentialRecord[] | undefined {
    if (!this.current()) return undefined;
    const ids = this.bySite.get(rpId);
    if (!ids) return undefined;
    const records = ids.map((id) => this.byId.get(id));
    return records.every((r) => r !== undefined) ? (records as CredentialRecord[]) : undefined;
  }

  /** Records read in a transaction opened at `generation` (`now()` then); `rpId`: all of that site's. */
  keep(records: CredentialRecord[], generation: number, rpId?: string): void {
    // A write opened since the read may have changed them: they are not kept.
    if (!this.current() || generation !== this.generation) return;
    for (const record of records) {
      this.byId.delete(record.id);
      this.byId.set(record.id, record);
    }
    if (rpId !== undefined)
      this.bySite.set(
        rpId,
        records.map((r) => r.id),
      );
    for (const oldest of this.byId.keys()) {
      if (this.byId.size <= RECORD_CACHE_LIMIT) break;
      this.byId.delete(oldest);
    }
  }

  /**
   * Counts the counter's write-behind for `id` (a read-write transaction), which stores `value` and
   * `now` only if the stored record still holds the block `reserved`. The cached record, being the
   * stored one, is changed the same way and everything cached stays valid.
   */
  writingBehind(id: string, reserved: number | undefined, value: number, now: number): void {
    const valid = this.current();
    credentialsWritten(this.db);
    if (!valid) return;
    const record = this.byId.get(id);
    if (record && record.counterReserved === reserved && record.signCount < value) {
      record.signCount = value;
      record.lastUsedAt = Math.max(record.lastUsedAt ?? 0, now);
    }
    this.generation = credentialsGeneration(this.db);
  }
}
