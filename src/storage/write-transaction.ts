/**
 * Every read-write transaction of the vault. Chrome commits them with relaxed durability by default:
 * `complete` fires before the data is on disk, so an OS crash could lose a new credential, roll a
 * signature counter back (letting a site see a counter it has seen before) or forget a wrong PIN
 * attempt. Strict durability waits for the disk (architecture trap 11).
 */
import type { StoreNames } from 'idb';
import { credentialsWritten } from './credential-writes.ts';
import type { VaultDB } from './open-vault.ts';
import type { VaultSchema } from './schema.ts';

export function writeTransaction<const Names extends StoreNames<VaultSchema>[]>(
  db: VaultDB,
  storeNames: Names,
) {
  // Counted before it opens: a record read before it may no longer be the stored one after it.
  if (storeNames.includes('credentials')) credentialsWritten(db);
  return db.transaction(storeNames, 'readwrite', { durability: 'strict' });
}
