import { type IDBPDatabase, openDB } from 'idb';
import { DB_NAME, DB_VERSION, type VaultSchema } from './schema.ts';

export type VaultDB = IDBPDatabase<VaultSchema>;

/** Opens (and creates or upgrades) the vault. `name` lets tests use one database each. */
export function openVault(name = DB_NAME): Promise<VaultDB> {
  return openDB<VaultSchema>(name, DB_VERSION, {
    upgrade(db, oldVersion) {
      // Fall through on purpose: each step brings the previous version one forward.
      if (oldVersion < 1) {
        const credentials = db.createObjectStore('credentials', { keyPath: 'id' });
        credentials.createIndex('rpId', 'rpId');
        credentials.createIndex('rpIdUser', ['rpId', 'userHandleKey']);
        db.createObjectStore('meta');
      }
    },
    blocking() {
      // A newer version (an updated extension) wants the database: let it.
      void 0;
    },
  });
}
