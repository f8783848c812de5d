/**
 * What a site's signals (WebAuthn L3 §5.1.10) do to the stored passkeys, and the popup's Restore.
 * The spec prefers hiding to deleting ("authenticators SHOULD hide … instead of permanently deleting",
 * §5.1.10.1 note), so a site's mistake costs the user nothing: a hidden passkey stays in the vault,
 * is offered for no sign-in, and comes back with Restore or when the site lists it again (§5.1.10.2).
 * Each change is one strict-durability transaction, read and written inside it; nothing is written
 * when nothing changes. No key material is touched, so all of this works while the vault is locked.
 */
import type { VaultDB } from './open-vault.ts';
import type { CredentialRecord } from './schema.ts';
import { writeTransaction } from './write-transaction.ts';

function shown(record: CredentialRecord): CredentialRecord {
  const { hidden: _, ...rest } = record;
  return rest;
}

/**
 * signalUnknownCredential: hides the credential `id` (base64url) of `rpId`.
 * @returns whether a credential of that RP was hidden now (false: none, or hidden already).
 */
export async function hideUnknownCredential(db: VaultDB, rpId: string, id: string): Promise<boolean> {
  const tx = writeTransaction(db, ['credentials']);
  const record = await tx.store.get(id);
  // Another RP's credential is invisible to this signal, whatever ID the page sends.
  const hide = record !== undefined && record.rpId === rpId && !record.hidden;
  if (hide) await tx.store.put({ ...record, hidden: true });
  await tx.done;
  return hide;
}

/**
 * signalAllAcceptedCredentials: of the user's credentials for `rpId`, hides those not in
 * `acceptedIds` and restores hidden ones that are (§5.1.10.2: authenticators SHOULD restore).
 * @param userHandleKey the user handle, base64url (the rpIdUser index key).
 */
export async function keepOnlyAccepted(
  db: VaultDB,
  rpId: string,
  userHandleKey: string,
  acceptedIds: ReadonlySet<string>,
): Promise<{ hidden: number; restored: number }> {
  const tx = writeTransaction(db, ['credentials']);
  const records = await tx.store.index('rpIdUser').getAll([rpId, userHandleKey]);
  let hidden = 0;
  let restored = 0;
  for (const record of records) {
    const accepted = acceptedIds.has(record.id);
    if (accepted && record.hidden) {
      await tx.store.put(shown(record));
      restored++;
    } else if (!accepted && !record.hidden) {
      await tx.store.put({ ...record, hidden: true });
      hidden++;
    }
  }
  await tx.done;
  return { hidden, restored };
}

/**
 * signalCurrentUserDetails: the user's new name and display name on every credential of that user
 * for `rpId` (§5.1.10.3). This replaces a name the user gave in Tapkey: the site's current one wins.
 * @returns how many credentials changed.
 */
export async function updateUserDetails(
  db: VaultDB,
  rpId: string,
  userHandleKey: string,
  details: { name: string; displayName: string },
): Promise<number> {
  const tx = writeTransaction(db, ['credentials']);
  const records = await tx.store.index('rpIdUser').getAll([rpId, userHandleKey]);
  let changed = 0;
  for (const record of records) {
    if (record.userName === details.name && record.userDisplayName === details.displayName) continue;
    await tx.store.put({ ...record, userName: details.name, userDisplayName: details.displayName });
    changed++;
  }
  await tx.done;
  return changed;
}

/** The popup's Restore: shows a hidden credential again. @returns false when none has that ID. */
export async function restoreCredential(db: VaultDB, id: string): Promise<boolean> {
  const tx = writeTransaction(db, ['credentials']);
  const record = await tx.store.get(id);
  if (record?.hidden) await tx.store.put(shown(record));
  await tx.done;
  return record !== undefined;
}
