/**
 * The vault to and from a backup payload. Export opens every private key and secret (the caller
 * seals the payload at once); restore seals everything first, then writes passkeys and accounts in
 * ONE transaction: all of it or nothing.
 */
import { credentialInfo } from '../authenticator/credential-info.ts';
import type { BackupAccount, BackupPasskey, BackupPayload } from '../backup/backup-payload.ts';
import type { RestorePlan, RestoreResult } from '../backup/restore-report.ts';
import { restoredCounter } from '../backup/restored-counter.ts';
import { fromBase64url, toBase64url } from '../shared/bytes.ts';
import { accountFields } from '../totp/account-fields.ts';
import { decodeBase32, encodeBase32 } from '../totp/base32.ts';
import type { OtpAccount } from '../totp/types.ts';
import { credentialKeyAad, credentialLargeBlobAad, credentialPrfAad } from './aad.ts';
import { backupCounter } from './counter-reservation.ts';
import type { VaultDB } from './open-vault.ts';
import type { DuplicatePolicy, IdbOtpStore } from './otp-store.ts';
import { decodePrfSecrets, encodePrfSecrets } from './prf-secrets.ts';
import type { CredentialRecord } from './schema.ts';
import { seal, unseal } from './seal.ts';
import { writeTransaction } from './write-transaction.ts';

export async function exportVault(
  db: VaultDB,
  key: CryptoKey,
  codes: IdbOtpStore,
  settings: BackupPayload['settings'],
): Promise<BackupPayload> {
  const passkeys: BackupPasskey[] = [];
  for (const record of await db.getAll('credentials')) {
    const privateKey = await unseal(key, record.privateKey, credentialKeyAad(record));
    const passkey: BackupPasskey = {
      ...credentialInfo(record),
      // Above every value that may have been used, reserved ones included (counter-reservation.ts).
      signCount: backupCounter(record),
      credentialId: record.id,
      userHandle: toBase64url(record.userHandle),
      privateKey: toBase64url(privateKey),
      publicKeyCose: toBase64url(record.publicKeyCose),
    };
    if (record.prfSecrets) {
      const secrets = decodePrfSecrets(await unseal(key, record.prfSecrets, credentialPrfAad(record)));
      passkey.prfSecrets = { withUv: toBase64url(secrets.withUv), withoutUv: toBase64url(secrets.withoutUv) };
    }
    if (record.largeBlobSupported) passkey.largeBlobSupported = true;
    if (record.largeBlob) {
      passkey.largeBlob = toBase64url(await unseal(key, record.largeBlob, credentialLargeBlobAad(record)));
    }
    passkeys.push(passkey);
  }
  const accounts: BackupAccount[] = (await codes.list()).map((a) => ({
    ...accountFields(a),
    secret: encodeBase32(a.secret),
    order: a.order,
    createdAt: a.createdAt,
    sites: a.sites,
    pinned: a.pinned,
  }));
  return { passkeys, accounts, settings };
}

export type { RestorePlan, RestoreResult } from '../backup/restore-report.ts';

function toAccount(a: BackupAccount): OtpAccount {
  return { ...accountFields(a), secret: decodeBase32(a.secret) };
}

/** What a restore would do, for the user to see (and choose for duplicate accounts) first. */
export async function planRestore(
  db: VaultDB,
  codes: IdbOtpStore,
  payload: BackupPayload,
): Promise<RestorePlan> {
  const here = await Promise.all(payload.passkeys.map((p) => db.getKey('credentials', p.credentialId)));
  const duplicates = await codes.findDuplicates(payload.accounts.map(toAccount));
  return {
    passkeys: { total: payload.passkeys.length, alreadyHere: here.filter((k) => k !== undefined).length },
    accounts: { total: payload.accounts.length, duplicates: duplicates.length },
  };
}

/**
 * Merges a backup into the vault. A passkey already here keeps its names and the higher counter; every
 * restored counter moves past what the site may have seen since the backup (restored-counter.ts).
 * Accounts that duplicate stored ones (same secret, or same issuer and name) follow `onDuplicate`.
 */
export async function restoreVault(
  db: VaultDB,
  key: CryptoKey,
  codes: IdbOtpStore,
  payload: BackupPayload,
  onDuplicate: Exclude<DuplicatePolicy, 'ask'>,
  now: number,
  /**
   * 'move-past' for Tapkey's own backups (restored-counter.ts); 'as-given' for a Credential Exchange
   * import, whose passkeys start at zero (CXF §3.3.12: only never-used passkeys are exchanged).
   */
  counters: 'move-past' | 'as-given' = 'move-past',
): Promise<RestoreResult> {
  const result: RestoreResult = {
    passkeysAdded: 0,
    passkeysUpdated: 0,
    accountsAdded: 0,
    accountsReplaced: 0,
    accountsSkipped: 0,
  };
  // Everything is sealed before the transaction opens: WebCrypto inside one would commit it early.
  const credentials: CredentialRecord[] = [];
  for (const p of payload.passkeys) {
    const userHandle = fromBase64url(p.userHandle);
    const record: CredentialRecord = {
      ...credentialInfo(p),
      id: p.credentialId,
      userHandle,
      userHandleKey: p.userHandle,
      publicKeyCose: fromBase64url(p.publicKeyCose),
      privateKey: await seal(
        key,
        fromBase64url(p.privateKey),
        credentialKeyAad({ id: p.credentialId, rpId: p.rpId }),
      ),
    };
    const where = { id: p.credentialId, rpId: p.rpId };
    if (p.prfSecrets) {
      const secrets = {
        withUv: fromBase64url(p.prfSecrets.withUv),
        withoutUv: fromBase64url(p.prfSecrets.withoutUv),
      };
      record.prfSecrets = await seal(key, encodePrfSecrets(secrets), credentialPrfAad(where));
    }
    if (p.largeBlobSupported) record.largeBlobSupported = true;
    if (p.largeBlob)
      record.largeBlob = await seal(key, fromBase64url(p.largeBlob), credentialLargeBlobAad(where));
    credentials.push(record);
  }
  // The code accounts, as adding them would make them: one duplicate policy, one record shape.
  const incoming = payload.accounts.map((a) => ({
    ...toAccount(a),
    createdAt: a.createdAt,
    sites: a.sites,
    pinned: a.pinned,
  }));
  const { records: accounts, result: added } = await codes.sealForAdding(incoming, onDuplicate, now);
  result.accountsAdded = added.addedIds.length;
  result.accountsReplaced = added.replaced;
  result.accountsSkipped = added.skipped;

  const tx = writeTransaction(db, ['credentials', 'otpAccounts']);
  const credentialStore = tx.objectStore('credentials');
  for (const record of credentials) {
    const here = await credentialStore.get(record.id);
    if (here && here.rpId !== record.rpId) {
      tx.abort();
      await tx.done.catch(() => undefined);
      throw new Error(
        `passkey ${record.id} belongs to ${here.rpId} here but to ${record.rpId} in the backup`,
      );
    }
    const hereFloor = here && backupCounter(here);
    if (counters === 'move-past') record.signCount = restoredCounter(record.signCount, hereFloor, now);
    else if (hereFloor !== undefined) record.signCount = Math.max(record.signCount, hereFloor);
    if (here) {
      // The names and dates kept here are as new as the backup's, or newer.
      Object.assign(record, credentialInfo({ ...here, signCount: record.signCount }));
      // So are its hmac-secret keys (the same ones, unless it has none) and its large blob.
      if (here.prfSecrets) record.prfSecrets = here.prfSecrets;
      if (here.largeBlobSupported) {
        record.largeBlobSupported = true;
        if (here.largeBlob) record.largeBlob = here.largeBlob;
        else delete record.largeBlob;
      }
      result.passkeysUpdated++;
    } else result.passkeysAdded++;
    await credentialStore.put(record);
  }
  const accountStore = tx.objectStore('otpAccounts');
  for (const record of accounts) await accountStore.put(record);
  await tx.done;
  return result;
}
