/** The authenticator's CredentialStore port on IndexedDB, plus what the popup needs to list and delete. */
import { credentialInfo } from '../authenticator/credential-info.ts';
import type {
  CredentialStore,
  CredentialSummary,
  LookupPurpose,
  NewCredential,
  SigningKey,
} from '../authenticator/ports.ts';
import { fromBase64url, toBase64url } from '../shared/bytes.ts';
import { credentialKeyAad } from './aad.ts';
import type { VaultDB } from './open-vault.ts';
import type { CredentialRecord } from './schema.ts';
import { seal, unseal } from './seal.ts';
import { writeTransaction } from './write-transaction.ts';

export function summarize(record: CredentialRecord): CredentialSummary {
  const summary: CredentialSummary = {
    credentialId: fromBase64url(record.id),
    userHandle: record.userHandle,
    ...credentialInfo(record),
  };
  if (record.hidden) summary.hidden = true;
  return summary;
}

export class IdbCredentialStore implements CredentialStore {
  constructor(
    private readonly db: VaultDB,
    private readonly vaultKey: () => Promise<CryptoKey>,
  ) {}

  async findByIds(rpId: string, ids: Uint8Array[], purpose: LookupPurpose): Promise<CredentialSummary[]> {
    const tx = this.db.transaction('credentials');
    const found = await Promise.all(ids.map((id) => tx.store.get(toBase64url(id))));
    await tx.done;
    const seen = new Set<string>();
    const out: CredentialSummary[] = [];
    for (const record of found) {
      // A credential of another RP is invisible here, whatever ID the page sends.
      // A hidden one is offered for nothing, but still counts against excludeCredentials (ports.ts).
      const visible = purpose === 'exclude' || !record?.hidden;
      if (record && record.rpId === rpId && visible && !seen.has(record.id)) {
        seen.add(record.id);
        out.push(summarize(record));
      }
    }
    return out;
  }

  async listDiscoverable(rpId: string): Promise<CredentialSummary[]> {
    const records = await this.db.getAllFromIndex('credentials', 'rpId', rpId);
    return records.filter((r) => r.discoverable && !r.hidden).map(summarize);
  }

  async add(credential: NewCredential): Promise<void> {
    const id = toBase64url(credential.credentialId);
    // Encrypt first: a transaction must not wait on WebCrypto or it commits early.
    const privateKey = await seal(
      await this.vaultKey(),
      credential.privateKey,
      credentialKeyAad({ id, rpId: credential.rpId }),
    );
    const record: CredentialRecord = {
      ...credentialInfo(credential),
      id,
      userHandle: credential.userHandle,
      userHandleKey: toBase64url(credential.userHandle),
      publicKeyCose: credential.publicKeyCose,
      privateKey,
    };
    const tx = writeTransaction(this.db, ['credentials']);
    if (record.discoverable) {
      // CTAP 2.1 §6.1.2 step 17: a new discoverable credential replaces the one for the same user.
      const same = await tx.store.index('rpIdUser').getAll([record.rpId, record.userHandleKey]);
      await Promise.all(same.filter((r) => r.discoverable).map((r) => tx.store.delete(r.id)));
    }
    await tx.store.add(record);
    await tx.done;
  }

  async useForSigning(rpId: string, credentialId: Uint8Array, now: number): Promise<SigningKey> {
    const id = toBase64url(credentialId);
    // Fetch the key first: a locked vault must fail before the counter moves.
    const vaultKey = await this.vaultKey();
    const tx = writeTransaction(this.db, ['credentials']);
    const record = await tx.store.get(id);
    if (!record || record.rpId !== rpId) {
      tx.abort();
      await tx.done.catch(() => undefined);
      throw new Error('credential not found');
    }
    // Wraps at 2^32 per WebAuthn's uint32 field; a key would need four billion sign-ins first.
    record.signCount = (record.signCount + 1) >>> 0;
    record.lastUsedAt = now;
    await tx.store.put(record);
    await tx.done;
    const privateKey = await unseal(vaultKey, record.privateKey, credentialKeyAad({ id, rpId }));
    return {
      alg: record.alg,
      privateKey,
      signCount: record.signCount,
      userHandle: record.userHandle,
      discoverable: record.discoverable,
    };
  }

  async listAll(): Promise<CredentialSummary[]> {
    return (await this.db.getAll('credentials')).map(summarize);
  }

  async delete(credentialId: string): Promise<boolean> {
    const tx = writeTransaction(this.db, ['credentials']);
    const exists = (await tx.store.getKey(credentialId)) !== undefined;
    if (exists) await tx.store.delete(credentialId);
    await tx.done;
    return exists;
  }
}
