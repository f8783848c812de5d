/**
 * Authenticator-code accounts in the vault. Secrets are sealed with the vault key (AES-GCM, AAD bound to
 * the record id) exactly like passkeys' private keys; WebCrypto runs before or after a transaction,
 * never inside one, or IndexedDB would commit it early.
 */
import { equal } from '../shared/bytes.ts';
import { accountFields, type OtpBookkeeping, type StoredOtpAccount } from '../totp/account-fields.ts';
import type { OtpAccount } from '../totp/types.ts';
import { otpSecretAad } from './aad.ts';
import type { VaultDB } from './open-vault.ts';
import type { OtpAccountRecord } from './schema.ts';
import { seal, unseal } from './seal.ts';
import { writeTransaction } from './write-transaction.ts';

export type { StoredOtpAccount } from '../totp/account-fields.ts';

/** Why a new account looks like one already stored. */
export type DuplicateReason = 'secret' | 'name';

export interface OtpDuplicate {
  /** Index into the accounts given to {@link IdbOtpStore.add}. */
  index: number;
  existingId: string;
  reason: DuplicateReason;
}

/**
 * What to do with an account that duplicates a stored one: 'ask' stores the others and reports the
 * duplicates (the popup then asks and sends them again with the user's choice).
 */
export type DuplicatePolicy = 'ask' | 'skip' | 'add' | 'replace';

/** An account to add, with what it may bring from elsewhere (a backup's date, sites and pin). */
export type IncomingAccount = OtpAccount & Partial<Pick<OtpBookkeeping, 'createdAt' | 'sites' | 'pinned'>>;

export interface OtpAddResult {
  addedIds: string[];
  replaced: number;
  skipped: number;
  /** With 'ask': the accounts not stored, for the user to decide. */
  duplicates: OtpDuplicate[];
}

function sameName(a: Pick<OtpAccount, 'issuer' | 'accountName'>, b: typeof a): boolean {
  const norm = (s: string) => s.trim().toLocaleLowerCase();
  return norm(a.issuer) === norm(b.issuer) && norm(a.accountName) === norm(b.accountName);
}

export class IdbOtpStore {
  /**
   * Secrets already opened, by record id: a sealed secret never changes after it is added, so the
   * Codes tab's list costs one AES-GCM open per account per worker life, not per popup opening.
   */
  private readonly opened = new Map<string, { iv: Uint8Array; secret: Uint8Array }>();

  constructor(
    private readonly db: VaultDB,
    private readonly vaultKey: () => Promise<CryptoKey>,
  ) {}

  /**
   * The list as last read, while no write happened since: every write goes through this class and
   * drops it, so the Codes tab opens without an IndexedDB read.
   */
  private listed: StoredOtpAccount[] | undefined;

  /** Every account in the user's order, secrets opened. */
  async list(): Promise<StoredOtpAccount[]> {
    const key = await this.vaultKey();
    if (this.listed) return this.listed.map((a) => ({ ...a, extra: { ...a.extra } }));
    const version = this.version;
    const records = await this.db.getAll('otpAccounts');
    records.sort((a, b) => a.order - b.order || a.createdAt - b.createdAt);
    const opened = await Promise.all(records.map((record) => this.open(key, record)));
    // Cache only a read that no write overlapped.
    if (version === this.version && this.writing === 0) this.listed = opened;
    return opened.map((a) => ({ ...a, extra: { ...a.extra } }));
  }

  private version = 0;
  private writing = 0;

  /** Every write runs through here: the cached list is dropped before and after it. */
  private async write<T>(run: () => Promise<T>): Promise<T> {
    this.writing++;
    this.version++;
    this.listed = undefined;
    try {
      return await run();
    } finally {
      this.writing--;
      this.version++;
      this.listed = undefined;
    }
  }

  async get(id: string): Promise<StoredOtpAccount | undefined> {
    const record = await this.db.get('otpAccounts', id);
    return record ? this.open(await this.vaultKey(), record) : undefined;
  }

  /** Stored accounts that `accounts[i]` duplicates: same secret, or same issuer + account name. */
  async findDuplicates(
    accounts: readonly OtpAccount[],
    stored?: StoredOtpAccount[],
  ): Promise<OtpDuplicate[]> {
    const existing = stored ?? (await this.list());
    const duplicates: OtpDuplicate[] = [];
    accounts.forEach((account, index) => {
      const bySecret = existing.find((e) => equal(e.secret, account.secret));
      const match = bySecret ?? existing.find((e) => sameName(e, account));
      if (match) duplicates.push({ index, existingId: match.id, reason: bySecret ? 'secret' : 'name' });
    });
    return duplicates;
  }

  /** `sites`: where the accounts were found (a scanned tab's site); a replaced account keeps its own too. */
  add(
    accounts: readonly OtpAccount[],
    policy: DuplicatePolicy = 'ask',
    now: number = Date.now(),
    sites: readonly string[] = [],
  ): Promise<OtpAddResult> {
    return this.write(() => this.addNow(accounts, policy, now, sites));
  }

  private async addNow(
    accounts: readonly OtpAccount[],
    policy: DuplicatePolicy,
    now: number,
    sites: readonly string[],
  ): Promise<OtpAddResult> {
    const { records, result } = await this.sealForAdding(accounts, policy, now, sites);
    const tx = writeTransaction(this.db, ['otpAccounts']);
    await Promise.all(records.map((record) => tx.store.put(record)));
    await tx.done;
    return result;
  }

  /**
   * The records adding `accounts` under `policy` makes, secrets sealed, and what happens to each;
   * nothing is written, so a restore can write them in its own transaction. An account may bring
   * its own bookkeeping (a backup's `createdAt`, `sites`, `pinned`); a replaced one keeps its own.
   */
  async sealForAdding(
    accounts: readonly IncomingAccount[],
    policy: DuplicatePolicy,
    now: number,
    sites: readonly string[] = [],
  ): Promise<{ records: OtpAccountRecord[]; result: OtpAddResult }> {
    const key = await this.vaultKey();
    const stored = await this.list();
    const duplicates = policy === 'add' ? [] : await this.findDuplicates(accounts, stored);
    const duplicateOf = new Map(duplicates.map((d) => [d.index, d]));
    let order = stored.reduce((max, a) => Math.max(max, a.order), -1) + 1;
    const records: OtpAccountRecord[] = [];
    const result: OtpAddResult = { addedIds: [], replaced: 0, skipped: 0, duplicates: [] };
    const replacedIds = new Set<string>();
    for (const [index, account] of accounts.entries()) {
      const duplicate = duplicateOf.get(index);
      if (duplicate && policy === 'ask') {
        result.duplicates.push(duplicate);
        continue;
      }
      if (duplicate && (policy === 'skip' || replacedIds.has(duplicate.existingId))) {
        result.skipped++;
        continue;
      }
      const replacing = duplicate ? stored.find((s) => s.id === duplicate.existingId) : undefined;
      const id = replacing?.id ?? crypto.randomUUID();
      if (replacing) replacedIds.add(id);
      // Encrypt first: the transaction that writes these must not wait on WebCrypto.
      records.push({
        ...accountFields(account),
        id,
        order: replacing?.order ?? order++,
        createdAt: replacing?.createdAt ?? account.createdAt ?? now,
        sites: [...new Set([...(replacing?.sites ?? []), ...(account.sites ?? []), ...sites])].sort(),
        pinned: replacing?.pinned ?? account.pinned ?? false,
        secret: await seal(key, account.secret, otpSecretAad({ id })),
      });
      if (replacing) result.replaced++;
      else result.addedIds.push(id);
    }
    return { records, result };
  }

  update(id: string, fields: { issuer: string; accountName: string }): Promise<boolean> {
    return this.write(() => this.updateNow(id, fields));
  }

  /** Renames an account; the secret and code settings never change after adding. */
  private async updateNow(id: string, fields: { issuer: string; accountName: string }): Promise<boolean> {
    const tx = writeTransaction(this.db, ['otpAccounts']);
    const record = await tx.store.get(id);
    if (record) {
      record.issuer = fields.issuer.trim();
      record.accountName = fields.accountName.trim();
      await tx.store.put(record);
    }
    await tx.done;
    return record !== undefined;
  }

  /** Pins the account (listed first) or unpins it; false when it no longer exists. */
  setPinned(id: string, pinned: boolean): Promise<boolean> {
    return this.write(async () => {
      const tx = writeTransaction(this.db, ['otpAccounts']);
      const record = await tx.store.get(id);
      if (record) await tx.store.put({ ...record, pinned });
      await tx.done;
      return record !== undefined;
    });
  }

  /** The sites the account belongs to, as the user set them. */
  setSites(id: string, sites: readonly string[]): Promise<boolean> {
    return this.write(async () => {
      const tx = writeTransaction(this.db, ['otpAccounts']);
      const record = await tx.store.get(id);
      if (record) await tx.store.put({ ...record, sites: [...new Set(sites)].sort() });
      await tx.done;
      return record !== undefined;
    });
  }

  delete(id: string): Promise<boolean> {
    return this.write(() => this.deleteNow(id));
  }

  private async deleteNow(id: string): Promise<boolean> {
    const tx = writeTransaction(this.db, ['otpAccounts']);
    const exists = (await tx.store.getKey(id)) !== undefined;
    if (exists) await tx.store.delete(id);
    await tx.done;
    this.opened.delete(id);
    return exists;
  }

  reorder(ids: readonly string[]): Promise<void> {
    return this.write(() => this.reorderNow(ids));
  }

  /** Puts `ids` first, in that order; accounts not named keep their relative order after them. */
  private async reorderNow(ids: readonly string[]): Promise<void> {
    const tx = writeTransaction(this.db, ['otpAccounts']);
    const records = await tx.store.getAll();
    const position = new Map(ids.map((id, i) => [id, i]));
    records.sort(
      (a, b) =>
        (position.get(a.id) ?? ids.length) - (position.get(b.id) ?? ids.length) ||
        a.order - b.order ||
        a.createdAt - b.createdAt,
    );
    await Promise.all(
      records.map((record, order) =>
        record.order === order ? undefined : tx.store.put({ ...record, order }),
      ),
    );
    await tx.done;
  }

  nextHotp(id: string): Promise<StoredOtpAccount> {
    return this.write(() => this.nextHotpNow(id));
  }

  /**
   * HOTP "next code": moves the counter on and stores it in one transaction, before anyone sees the
   * new code (RFC 4226 §7.2: a code shown must never be shown again for another login).
   */
  private async nextHotpNow(id: string): Promise<StoredOtpAccount> {
    // Fetch the key first: a locked vault must fail before the counter moves.
    const key = await this.vaultKey();
    const tx = writeTransaction(this.db, ['otpAccounts']);
    const record = await tx.store.get(id);
    if (record?.kind !== 'hotp') {
      tx.abort();
      await tx.done.catch(() => undefined);
      throw new Error(record ? 'this account is not counter-based (HOTP)' : 'account not found');
    }
    record.counter += 1;
    await tx.store.put(record);
    await tx.done;
    return this.open(key, record);
  }

  private async open(key: CryptoKey, record: OtpAccountRecord): Promise<StoredOtpAccount> {
    const { secret, ...rest } = record;
    // Keyed by id and checked by IV: a replaced account (same id, new secret) is opened afresh.
    let opened = this.opened.get(record.id);
    if (!opened || !equal(opened.iv, secret.iv)) {
      opened = { iv: secret.iv, secret: await unseal(key, secret, otpSecretAad(record)) };
      this.opened.set(record.id, opened);
    }
    // Records from before sites (or pins) were kept have none.
    return {
      ...rest,
      extra: { ...rest.extra },
      sites: [...(rest.sites ?? [])],
      pinned: rest.pinned === true,
      secret: opened.secret,
    };
  }
}
