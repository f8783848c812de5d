/** The authenticator's CredentialStore port on IndexedDB, plus what the popup needs to list and delete. */

import type { IDBPObjectStore, StoreNames } from 'idb';
import { credentialInfo } from '../authenticator/credential-info.ts';
import type {
  CredentialStore,
  CredentialSummary,
  LargeBlobOutcome,
  LookupPurpose,
  NewCredential,
  SigningExtras,
  SigningKey,
} from '../authenticator/ports.ts';
import { fromBase64url, toBase64url } from '../shared/bytes.ts';
import { credentialKeyAad, credentialLargeBlobAad, credentialPrfAad } from './aad.ts';
import { type Reservation, reserveAhead, reserveBlock, takeReserved } from './counter-reservation.ts';
import { credentialsWritten } from './credential-writes.ts';
import type { VaultDB } from './open-vault.ts';
import { decodePrfSecrets, encodePrfSecrets } from './prf-secrets.ts';
import { RecordCache } from './record-cache.ts';
import type { CredentialRecord, VaultSchema } from './schema.ts';
import { seal, unseal } from './seal.ts';
import { writeTransaction } from './write-transaction.ts';

/** Where a page of the passkey list ends: the last passkey's site and ID. */
export interface PasskeyCursor {
  rpId: string;
  id: string;
}

export function summarize(record: CredentialRecord): CredentialSummary {
  const summary: CredentialSummary = {
    credentialId: fromBase64url(record.id),
    userHandle: record.userHandle,
    ...credentialInfo(record),
  };
  if (record.hidden) summary.hidden = true;
  return summary;
}

/**
 * Stores a new credential's record in `store` (a read-write transaction's). CTAP 2.1 §6.1.2 step 17:
 * a new discoverable credential replaces the one for the same user.
 */
async function keep(
  store: IDBPObjectStore<VaultSchema, StoreNames<VaultSchema>[], 'credentials', 'readwrite'>,
  record: CredentialRecord,
): Promise<void> {
  if (record.discoverable) {
    const same = await store.index('rpIdUser').getAll([record.rpId, record.userHandleKey]);
    await Promise.all(same.filter((r) => r.discoverable).map((r) => store.delete(r.id)));
  }
  await store.add(record);
}

/** A credential this worker staged: the key it is sealed with, its request, its counter block. */
interface StagedHere {
  vaultKey: CryptoKey;
  owner: string;
  reservation: Reservation;
}

export class IdbCredentialStore implements CredentialStore {
  /** This worker life, on what it stages: a later life recovers only what an earlier one left. */
  private readonly life = crypto.randomUUID();
  private readonly stagedHere = new Map<string, StagedHere>();
  /** Counter blocks reserved by this worker, by credential ID (checked against the stored top). */
  private readonly reservations = new Map<string, Reservation>();
  /** The records read, while they are still the stored ones: lookups and signatures skip a read. */
  private readonly cache: RecordCache;

  constructor(
    private readonly db: VaultDB,
    private readonly vaultKey: () => Promise<CryptoKey>,
  ) {
    this.cache = new RecordCache(db);
  }

  /** The records `ids` names that exist, from memory when all of them are known there. */
  private async readByIds(ids: string[]): Promise<(CredentialRecord | undefined)[]> {
    const cached = ids.map((id) => this.cache.get(id));
    if (cached.every((r) => r !== undefined)) return cached;
    // Read as the transaction opens, not after it: a write opened meanwhile runs after this read.
    const generation = this.cache.now();
    const tx = this.db.transaction('credentials');
    const found = await Promise.all(ids.map((id) => tx.store.get(id)));
    await tx.done;
    this.cache.keep(
      found.filter((r): r is CredentialRecord => r !== undefined),
      generation,
    );
    return found;
  }

  async findByIds(rpId: string, ids: Uint8Array[], purpose: LookupPurpose): Promise<CredentialSummary[]> {
    const found = await this.readByIds(ids.map(toBase64url));
    const seen = new Set<string>();
    const out: CredentialSummary[] = [];
    for (const record of found) {
      // A credential of another RP is invisible here, whatever ID the page sends.
      // A hidden one is offered for nothing, but still counts against excludeCredentials (ports.ts).
      const visible = purpose === 'exclude' || !record?.hidden;
      if (record && record.rpId === rpId && visible && !seen.has(record.id)) {
        seen.add(record.id);
        out.push(summarize(record));
      }
    }
    return out;
  }

  async listDiscoverable(rpId: string): Promise<CredentialSummary[]> {
    let records = this.cache.site(rpId);
    if (!records) {
      const generation = this.cache.now();
      records = await this.db.getAllFromIndex('credentials', 'rpId', rpId);
      this.cache.keep(records, generation, rpId);
    }
    return records.filter((r) => r.discoverable && !r.hidden).map(summarize);
  }

  async add(credential: NewCredential): Promise<void> {
    // Encrypt first: a transaction must not wait on WebCrypto or it commits early.
    const record = await this.sealed(credential, await this.vaultKey());
    const reservation = reserveAhead(record);
    record.counterReserved = reservation.reserved;
    const tx = writeTransaction(this.db, ['credentials']);
    await keep(tx.store, record);
    await tx.done;
    this.reservations.set(record.id, reservation);
  }

  /** The record a new credential is stored as: its key and hmac-secret keys sealed with `vaultKey`. */
  private async sealed(credential: NewCredential, vaultKey: CryptoKey): Promise<CredentialRecord> {
    const id = toBase64url(credential.credentialId);
    const where = { id, rpId: credential.rpId };
    const record: CredentialRecord = {
      ...credentialInfo(credential),
      id,
      userHandle: credential.userHandle,
      userHandleKey: toBase64url(credential.userHandle),
      publicKeyCose: credential.publicKeyCose,
      privateKey: await seal(vaultKey, credential.privateKey, credentialKeyAad(where)),
    };
    if (credential.prfSecrets) {
      record.prfSecrets = await seal(
        vaultKey,
        encodePrfSecrets(credential.prfSecrets),
        credentialPrfAad(where),
      );
    }
    if (credential.largeBlob) record.largeBlobSupported = true;
    return record;
  }

  /**
   * Stores a new credential while its prompt waits, strictly, in the `staged` store no lookup reads
   * (its first counter block reserved, as `add` does). `owner` is the request it was made for.
   */
  async stageFor(credential: NewCredential, owner: string): Promise<boolean> {
    let vaultKey: CryptoKey;
    try {
      vaultKey = await this.vaultKey();
    } catch {
      // A locked vault: the PIN the prompt asks for unlocks it, and the credential is added then.
      return false;
    }
    const record = await this.sealed(credential, vaultKey);
    const reservation = reserveAhead(record);
    record.counterReserved = reservation.reserved;
    const tx = writeTransaction(this.db, ['staged']);
    await tx.store.put({ ...record, owner, life: this.life });
    await tx.done;
    this.stagedHere.set(record.id, { vaultKey, owner, reservation });
    return true;
  }

  async commitStaged(credentialId: Uint8Array): Promise<boolean> {
    const id = toBase64url(credentialId);
    const staged = this.stagedHere.get(id);
    if (!staged) return false;
    this.stagedHere.delete(id);
    // Sealed with the key of its time: a PIN set, changed or removed since replaced the vault key
    // (and cleared the staged store), so it is stored afresh by the caller.
    const vaultKey = await this.vaultKey().catch(() => undefined);
    if (vaultKey !== staged.vaultKey) {
      this.discard(staged.owner);
      return false;
    }
    // Opened now, so every lookup after this sees the credential; not waited for, since the staged
    // record is on disk already and a move a crash lost is redone by the next worker (recoverStaged).
    void this.move(id, staged.owner, 'relaxed').catch(() => undefined);
    this.reservations.set(id, staged.reservation);
    return true;
  }

  discardStaged(credentialId: Uint8Array): void {
    const id = toBase64url(credentialId);
    const staged = this.stagedHere.get(id);
    this.stagedHere.delete(id);
    if (staged) this.discard(staged.owner);
  }

  /** Deletes every staged record of `owner` (a resumed request's earlier one too). */
  private discard(owner: string): void {
    void (async () => {
      const tx = this.db.transaction('staged', 'readwrite');
      for (const record of await tx.store.getAll())
        if (record.owner === owner) await tx.store.delete(record.id);
      await tx.done;
    })().catch(() => undefined);
  }

  /**
   * Moves staged record `id` into `credentials` as `add` stores one, and drops the other records
   * `owner` staged (an earlier worker's, for the same request), in one transaction opened at once.
   */
  private move(id: string, owner: string, durability: 'relaxed' | 'strict'): Promise<void> {
    credentialsWritten(this.db);
    const tx = this.db.transaction(['staged', 'credentials'], 'readwrite', { durability });
    const staged = tx.objectStore('staged');
    return (async () => {
      const found = await staged.getAll();
      const record = found.find((r) => r.id === id);
      if (record) {
        const { owner: _, life: __, ...credential } = record;
        await keep(tx.objectStore('credentials'), credential);
      }
      for (const r of found) if (r.owner === owner) await staged.delete(r.id);
      await tx.done;
    })();
  }

  /**
   * After a worker restart: the credentials another worker life staged, whose request is not running
   * (`running`) now, are kept. The page may have had the answer before a crash lost the move, and
   * nothing tells that apart from a prompt never answered, so keeping is the safe side: the worst is
   * an unused passkey, never a registered one without its key. A request that did come back replaces
   * its earlier one when it is answered.
   */
  async recoverStaged(running: (owner: string) => boolean): Promise<number> {
    const left = (await this.db.getAll('staged')).filter((r) => r.life !== this.life && !running(r.owner));
    for (const record of left) await this.move(record.id, record.owner, 'strict');
    return left.length;
  }

  /** This store as one request's authenticator sees it: what it stages is that request's. */
  forRequest(owner: string): CredentialStore {
    return {
      findByIds: (...args) => this.findByIds(...args),
      listDiscoverable: (...args) => this.listDiscoverable(...args),
      add: (credential) => this.add(credential),
      useForSigning: (...args) => this.useForSigning(...args),
      holdForSigning: (...args) => this.holdForSigning(...args),
      useHeld: (...args) => this.useHeld(...args),
      stage: (credential) => this.stageFor(credential, owner),
      commitStaged: (credentialId) => this.commitStaged(credentialId),
      discardStaged: (credentialId) => this.discardStaged(credentialId),
    };
  }

  async useForSigning(
    rpId: string,
    credentialId: Uint8Array,
    now: number,
    extras: SigningExtras = {},
  ): Promise<SigningKey> {
    const id = toBase64url(credentialId);
    // Fetch the key first: a locked vault must fail before the counter moves.
    const vaultKey = await this.vaultKey();
    const op = extras.largeBlob;
    const write = op && 'write' in op ? op.write : undefined;
    // A value from the block reserved earlier: nothing needs to reach the disk before the answer
    // (counter-reservation.ts). A blob to write does, so it takes the strict path below.
    if (write === undefined) {
      const record = (await this.readByIds([id]))[0];
      if (!record || record.rpId !== rpId) throw new Error('credential not found');
      const value = takeReserved(this.reservations.get(id), record);
      if (value !== undefined) {
        record.signCount = value;
        record.lastUsedAt = now;
        this.writeBehind(id, record.counterReserved, value, now);
        return this.signingKey(vaultKey, record, extras, undefined);
      }
    }
    // A blob to write is sealed before the transaction opens (WebCrypto inside would commit it early),
    // then stored in the same strict transaction as the counter: both are kept, or neither.
    const sealedBlob =
      write && write.length > 0
        ? await seal(vaultKey, write, credentialLargeBlobAad({ id, rpId }))
        : undefined;
    const tx = writeTransaction(this.db, ['credentials']);
    const record = await tx.store.get(id);
    if (!record || record.rpId !== rpId) {
      tx.abort();
      await tx.done.catch(() => undefined);
      throw new Error('credential not found');
    }
    // The next reserved value, or a new block above every value that may have been used, stored
    // before any of it is.
    const reservedValue = takeReserved(this.reservations.get(id), record);
    let reservation: Reservation | undefined;
    if (reservedValue !== undefined) record.signCount = reservedValue;
    else {
      const block = reserveBlock(record);
      reservation = block.reservation;
      record.signCount = block.value;
      record.counterReserved = reservation.reserved;
    }
    record.lastUsedAt = now;
    let largeBlob: LargeBlobOutcome | undefined;
    if (write !== undefined) {
      // WebAuthn L3 §10.1.5: only a credential with a blob store keeps one; an empty blob erases it
      // (Chrome then reads back no blob: test/fixtures/extensions/chrome-extensions.json).
      if (record.largeBlobSupported) {
        if (sealedBlob) record.largeBlob = sealedBlob;
        else delete record.largeBlob;
      }
      largeBlob = { written: record.largeBlobSupported === true };
    }
    await tx.store.put(record);
    await tx.done;
    if (reservation) this.reservations.set(id, reservation);
    return this.signingKey(vaultKey, record, extras, largeBlob);
  }

  async holdForSigning(
    rpId: string,
    credentialId: Uint8Array,
    extras: SigningExtras = {},
  ): Promise<SigningKey | undefined> {
    // A blob to write is a state change only an approval may make, in its strict transaction.
    if (extras.largeBlob && 'write' in extras.largeBlob) return undefined;
    const id = toBase64url(credentialId);
    const vaultKey = await this.vaultKey();
    const record = (await this.readByIds([id]))[0];
    if (!record || record.rpId !== rpId) return undefined;
    // From the block reserved, or (the first use in this worker's life) a new block stored now,
    // while the user decides: if they refuse, the counter skips values, which it may.
    const value = takeReserved(this.reservations.get(id), record) ?? (await this.reserveNewBlock(id, rpId));
    if (value === undefined) return undefined;
    return this.signingKey(vaultKey, { ...record, signCount: value }, extras, undefined);
  }

  /**
   * Stores a new counter block above every value that may have been used, in one strict transaction,
   * and hands out its first value; records no use (no lastUsedAt). Undefined for another site's ID.
   */
  private async reserveNewBlock(id: string, rpId: string): Promise<number | undefined> {
    const tx = writeTransaction(this.db, ['credentials']);
    const record = await tx.store.get(id);
    if (!record || record.rpId !== rpId) {
      tx.abort();
      await tx.done.catch(() => undefined);
      return undefined;
    }
    const { value, reservation } = reserveBlock(record);
    record.counterReserved = reservation.reserved;
    await tx.store.put(record);
    await tx.done;
    this.reservations.set(id, reservation);
    return value;
  }

  useHeld(_rpId: string, credentialId: Uint8Array, signCount: number, now: number): boolean {
    const id = toBase64url(credentialId);
    const reservation = this.reservations.get(id);
    // Any value handed out after the held one makes it stale: the site may have seen the later one.
    if (!reservation || reservation.next !== signCount + 1) return false;
    this.writeBehind(id, reservation.reserved, signCount, now);
    return true;
  }

  /** The key material for one signature, with what the extensions asked for. */
  private async signingKey(
    vaultKey: CryptoKey,
    record: CredentialRecord,
    extras: SigningExtras,
    written: LargeBlobOutcome | undefined,
  ): Promise<SigningKey> {
    const where = { id: record.id, rpId: record.rpId };
    const key: SigningKey = {
      alg: record.alg,
      privateKey: await unseal(vaultKey, record.privateKey, credentialKeyAad(where)),
      signCount: record.signCount,
      userHandle: record.userHandle,
      discoverable: record.discoverable,
    };
    if (extras.prfSecrets && record.prfSecrets) {
      key.prfSecrets = decodePrfSecrets(await unseal(vaultKey, record.prfSecrets, credentialPrfAad(where)));
    }
    let largeBlob = written;
    if (extras.largeBlob && 'read' in extras.largeBlob) {
      largeBlob =
        record.largeBlobSupported && record.largeBlob
          ? { blob: await unseal(vaultKey, record.largeBlob, credentialLargeBlobAad(where)) }
          : {};
    }
    if (largeBlob) key.largeBlob = largeBlob;
    return key;
  }

  /**
   * Records the value used and the time, after the answer (relaxed durability: the stored
   * reservation already covers a crash). Skipped if the record changed in the meantime.
   */
  private writeBehind(id: string, reserved: number | undefined, value: number, now: number): void {
    this.cache.writingBehind(id, reserved, value, now);
    void (async () => {
      const tx = this.db.transaction('credentials', 'readwrite');
      const record = await tx.store.get(id);
      if (record && record.counterReserved === reserved && record.signCount < value) {
        record.signCount = value;
        record.lastUsedAt = Math.max(record.lastUsedAt ?? 0, now);
        await tx.store.put(record);
      }
      await tx.done;
    })().catch(() => undefined);
  }

  /**
   * One page of every passkey in site order (RP ID, then credential ID: the `rpId` index's order),
   * starting after `after` (the previous page's last). `next` is set when more may follow.
   */
  async listPage(
    after: PasskeyCursor | undefined,
    limit: number,
  ): Promise<{ summaries: CredentialSummary[]; next?: PasskeyCursor }> {
    const tx = this.db.transaction('credentials');
    let cursor = await tx.store
      .index('rpId')
      .openCursor(after ? IDBKeyRange.lowerBound(after.rpId) : undefined);
    // Past the previous page: the rest of its last site up to and including its last passkey.
    while (cursor && after && cursor.key === after.rpId && String(cursor.primaryKey) <= after.id) {
      cursor = await cursor.continue();
    }
    const summaries: CredentialSummary[] = [];
    let last: CredentialRecord | undefined;
    while (cursor && summaries.length < limit) {
      last = cursor.value;
      summaries.push(summarize(last));
      cursor = await cursor.continue();
    }
    const more = cursor !== null;
    await tx.done;
    return more && last ? { summaries, next: { rpId: last.rpId, id: last.id } } : { summaries };
  }

  /** How many passkeys there are, and how many were made after `since` (all of them when null). */
  async countSince(since: number | null): Promise<{ all: number; since: number }> {
    const tx = this.db.transaction('credentials');
    const [all, after] = await Promise.all([
      tx.store.count(),
      since === null ? undefined : tx.store.index('createdAt').count(IDBKeyRange.lowerBound(since, true)),
    ]);
    await tx.done;
    return { all, since: after ?? all };
  }

  /** Every passkey of one relying party (discoverable or not), in credential ID order. */
  async listForRp(rpId: string): Promise<CredentialSummary[]> {
    return (await this.db.getAllFromIndex('credentials', 'rpId', rpId)).map(summarize);
  }

  async listAll(): Promise<CredentialSummary[]> {
    return (await this.db.getAll('credentials')).map(summarize);
  }

  async delete(credentialId: string): Promise<boolean> {
    const tx = writeTransaction(this.db, ['credentials']);
    const exists = (await tx.store.getKey(credentialId)) !== undefined;
    if (exists) await tx.store.delete(credentialId);
    await tx.done;
    return exists;
  }
}
