/**
 * Renames a passkey as Tapkey shows it: its user display name, which the site chose at registration
 * and the user may change here. The site is not told (WebAuthn has no way to), and nothing else of the
 * record changes: one strict-durability transaction, read and written inside it.
 */
import type { VaultDB } from './open-vault.ts';
import { writeTransaction } from './write-transaction.ts';

/**
 * @param id The credential ID, base64url (the record's key).
 * @returns false when no passkey has that ID.
 */
export async function renameCredential(db: VaultDB, id: string, userDisplayName: string): Promise<boolean> {
  const tx = writeTransaction(db, ['credentials']);
  const record = await tx.store.get(id);
  if (record) await tx.store.put({ ...record, userDisplayName: userDisplayName.trim() });
  await tx.done;
  return record !== undefined;
}
