import { type IDBPDatabase, type IDBPTransaction, openDB, type StoreNames } from 'idb';
import { DB_NAME, DB_VERSION, type VaultSchema } from './schema.ts';

export type VaultDB = IDBPDatabase<VaultSchema>;

/**
 * Walks a vault from `oldVersion` up to `targetVersion`, one step per version. Exported so the
 * migration test can build a database of an older version with that version's own code path.
 */
export function upgradeVault(
  db: VaultDB,
  oldVersion: number,
  targetVersion: number,
  tx: IDBPTransaction<VaultSchema, StoreNames<VaultSchema>[], 'versionchange'>,
): void {
  // Not an else-chain on purpose: each step brings the previous version one forward.
  if (oldVersion < 1 && targetVersion >= 1) {
    const credentials = db.createObjectStore('credentials', { keyPath: 'id' });
    credentials.createIndex('rpId', 'rpId');
    credentials.createIndex('rpIdUser', ['rpId', 'userHandleKey']);
    db.createObjectStore('meta');
  }
  if (oldVersion < 2 && targetVersion >= 2) {
    // Authenticator codes; order is sorted in memory (1,000 records), so no index is needed.
    db.createObjectStore('otpAccounts', { keyPath: 'id' });
  }
  if (oldVersion < 3 && targetVersion >= 3) {
    // Settings counts the passkeys made since the last backup without reading every record.
    tx.objectStore('credentials').createIndex('createdAt', 'createdAt');
  }
  if (oldVersion < 4 && targetVersion >= 4) {
    // New credentials stored while their prompt waits (credential-store.ts stage); a handful at most.
    db.createObjectStore('staged', { keyPath: 'id' });
  }
}

/** Opens (and creates or upgrades) the vault. `name` lets tests use one database each. */
export function openVault(name = DB_NAME): Promise<VaultDB> {
  return openDB<VaultSchema>(name, DB_VERSION, {
    upgrade(db, oldVersion, _newVersion, tx) {
      upgradeVault(db, oldVersion, DB_VERSION, tx);
    },
    blocking() {
      // A newer version (an updated extension) wants the database: let it.
      void 0;
    },
  });
}
