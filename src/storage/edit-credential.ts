/**
 * The developer workbench's edit of a passkey: its signature counter and its names, in one
 * strict-durability transaction, read and written inside it. A counter set by hand replaces the
 * reserved block (counter-reservation.ts): the next use goes on from the value given, lower ones
 * included, which is what a developer testing a relying party's counter check asks for.
 */
import type { VaultDB } from './open-vault.ts';
import { writeTransaction } from './write-transaction.ts';

export interface CredentialEdit {
  /** 0 to 2^32 − 1 (WebAuthn L3 §6.1: a 32-bit unsigned counter). */
  signCount?: number;
  userName?: string;
  userDisplayName?: string;
}

/**
 * @param id The credential ID, base64url (the record's key).
 * @returns false when no passkey has that ID.
 */
export async function editCredential(db: VaultDB, id: string, edit: CredentialEdit): Promise<boolean> {
  const tx = writeTransaction(db, ['credentials']);
  const record = await tx.store.get(id);
  if (record) {
    const next = { ...record };
    if (edit.signCount !== undefined) {
      next.signCount = edit.signCount;
      // The block reserved above the old value no longer says where the counter is.
      delete next.counterReserved;
    }
    if (edit.userName !== undefined) next.userName = edit.userName.trim();
    if (edit.userDisplayName !== undefined) next.userDisplayName = edit.userDisplayName.trim();
    await tx.store.put(next);
  }
  await tx.done;
  return record !== undefined;
}
