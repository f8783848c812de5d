/** Test helper: records the transactions a vault database opens, as the code under test opens them. */
import type { VaultDB } from '../open-vault.ts';

export interface OpenedTransaction {
  stores: string[];
  mode: IDBTransactionMode;
  durability?: IDBTransactionDurability;
}

/** From now on, every transaction `db` opens is pushed to the returned list (explicit ones only). */
export function recordTransactions(db: VaultDB): OpenedTransaction[] {
  const seen: OpenedTransaction[] = [];
  const original = db.transaction.bind(db);
  db.transaction = ((
    stores: string | string[],
    mode?: IDBTransactionMode,
    options?: IDBTransactionOptions,
  ) => {
    const opened: OpenedTransaction = { stores: [stores].flat(), mode: mode ?? 'readonly' };
    if (options?.durability) opened.durability = options.durability;
    seen.push(opened);
    return original(stores as 'credentials', mode, options);
  }) as VaultDB['transaction'];
  return seen;
}
