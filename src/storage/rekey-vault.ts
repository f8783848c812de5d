/**
 * Replaces the vault key: every private key, hmac-secret key, large blob and code secret is opened with the old key and sealed
 * with a new one, and the new key's record is written, all in one transaction. Setting, changing or
 * removing the PIN does this, so a copy of the profile taken before cannot open what is stored after.
 *
 * WebCrypto cannot run inside a transaction (IndexedDB would commit it early), so the records are read
 * and re-sealed first; the write transaction then checks that no sealed value changed meanwhile (a
 * credential added, a code replaced) and starts over if one did. Counters and names are taken from
 * the records as they are at write time, so a sign-in in between is never rolled back.
 */
import { credentialKeyAad, credentialLargeBlobAad, credentialPrfAad, otpSecretAad } from './aad.ts';
import type { VaultDB } from './open-vault.ts';
import type { CredentialRecord, SealedBytes, VaultKeyRecord } from './schema.ts';
import { importVaultKey, seal, unseal } from './seal.ts';
import { writeTransaction } from './write-transaction.ts';

const ATTEMPTS = 5;

type Resealed = Map<string, { iv: Uint8Array; sealed: SealedBytes }>;

async function reseal<R extends { id: string }>(
  records: R[],
  sealedOf: (r: R) => SealedBytes,
  aadOf: (r: R) => Uint8Array,
  oldKey: CryptoKey,
  newKey: CryptoKey,
): Promise<Resealed> {
  const out: Resealed = new Map();
  for (const record of records) {
    const old = sealedOf(record);
    const plain = await unseal(oldKey, old, aadOf(record));
    out.set(record.id, { iv: old.iv, sealed: await seal(newKey, plain, aadOf(record)) });
    plain.fill(0);
  }
  return out;
}

const sameIv = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Every value a credential holds sealed, each with its own AAD: the private key, and the hmac-secret
 * keys and the large blob when it has them. A field missing here would be unreadable after a rekey.
 */
const CREDENTIAL_SEALED = [
  { field: 'privateKey', aad: credentialKeyAad },
  { field: 'prfSecrets', aad: credentialPrfAad },
  { field: 'largeBlob', aad: credentialLargeBlobAad },
] as const;

type CredentialSealedField = (typeof CREDENTIAL_SEALED)[number]['field'];

async function resealCredentials(
  credentials: CredentialRecord[],
  oldKey: CryptoKey,
  newKey: CryptoKey,
): Promise<Map<CredentialSealedField, Resealed>> {
  const out = new Map<CredentialSealedField, Resealed>();
  for (const { field, aad } of CREDENTIAL_SEALED) {
    const holding = credentials.filter((r) => r[field] !== undefined);
    out.set(field, await reseal(holding, (r) => r[field]!, aad, oldKey, newKey));
  }
  return out;
}

/** Whether each sealed field of `record` is still the one that was re-sealed (or still absent). */
function credentialUnchanged(
  record: CredentialRecord,
  resealed: Map<CredentialSealedField, Resealed>,
): boolean {
  return CREDENTIAL_SEALED.every(({ field }) => {
    const now = record[field];
    const before = resealed.get(field)?.get(record.id);
    return now === undefined ? before === undefined : before !== undefined && sameIv(before.iv, now.iv);
  });
}

function withResealed(
  record: CredentialRecord,
  resealed: Map<CredentialSealedField, Resealed>,
): CredentialRecord {
  const out = { ...record };
  for (const { field } of CREDENTIAL_SEALED) {
    const sealed = resealed.get(field)?.get(record.id)?.sealed;
    if (sealed) out[field] = sealed;
  }
  return out;
}

export async function rekeyVault(
  db: VaultDB,
  oldRaw: Uint8Array,
  newRaw: Uint8Array,
  newKeyRecord: VaultKeyRecord,
): Promise<void> {
  const [oldKey, newKey] = await Promise.all([importVaultKey(oldRaw), importVaultKey(newRaw)]);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const [credentials, accounts] = await Promise.all([db.getAll('credentials'), db.getAll('otpAccounts')]);
    const keys = await resealCredentials(credentials, oldKey, newKey);
    const secrets = await reseal(accounts, (r) => r.secret, otpSecretAad, oldKey, newKey);

    const tx = writeTransaction(db, ['credentials', 'otpAccounts', 'meta', 'staged']);
    const credentialStore = tx.objectStore('credentials');
    const accountStore = tx.objectStore('otpAccounts');
    const [nowCredentials, nowAccounts] = await Promise.all([
      credentialStore.getAll(),
      accountStore.getAll(),
    ]);
    const unchanged =
      nowCredentials.every((r) => credentialUnchanged(r, keys)) &&
      nowAccounts.every((r) => sameIv(secrets.get(r.id)?.iv ?? new Uint8Array(), r.secret.iv));
    if (!unchanged) {
      tx.abort();
      await tx.done.catch(() => undefined);
      continue;
    }
    await Promise.all([
      ...nowCredentials.map((r) => credentialStore.put(withResealed(r, keys))),
      ...nowAccounts.map((r) => accountStore.put({ ...r, secret: secrets.get(r.id)!.sealed })),
      tx.objectStore('meta').put(newKeyRecord, 'vaultKey'),
      tx.objectStore('meta').put(0, 'pinRetries'),
      // A credential staged while its prompt waits is sealed with the old key: its approval finds the
      // key changed and stores it afresh (credential-store.ts commitStaged).
      tx.objectStore('staged').clear(),
    ]);
    await tx.done;
    return;
  }
  throw new Error('the vault kept changing while its key was being replaced; try again');
}
