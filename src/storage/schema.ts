/**
 * The IndexedDB vault's schema. Each version step is one `if` in `upgradeVault`, so an old vault is
 * walked forward step by step; tests open a database at every older version and upgrade it.
 */
import type { DBSchema } from 'idb';
import type { CredentialInfo } from '../authenticator/credential-info.ts';
import type { OtpBookkeeping } from '../totp/account-fields.ts';
import type { OtpAccount } from '../totp/types.ts';

export const DB_NAME = 'tapkey-vault';
/**
 * 1: credentials + meta. 2: otpAccounts (authenticator codes). 3: the credentials' `createdAt` index
 * (Settings counts passkeys made since the last backup). 4: `staged` (new credentials stored while
 * their prompt waits). Credential fields added since version 3 (prfSecrets, largeBlobSupported,
 * largeBlob) are optional, so no version step is needed for them.
 */
export const DB_VERSION = 4;

/** A private key encrypted with the vault key (AES-256-GCM, 96-bit random IV). */
export interface SealedBytes {
  iv: Uint8Array;
  ciphertext: Uint8Array;
}

export interface CredentialRecord extends CredentialInfo {
  /** base64url credential ID: the primary key. */
  id: string;
  userHandle: Uint8Array;
  /** base64url user handle, for the [rpId, userHandle] index. */
  userHandleKey: string;
  publicKeyCose: Uint8Array;
  privateKey: SealedBytes;
  /**
   * CTAP 2.1 §12.5 hmac-secret keys (WebAuthn prf), sealed like the private key (prf-secrets.ts has
   * the plaintext layout). Absent in credentials made before Tapkey had them: prf then gives nothing.
   */
  prfSecrets?: SealedBytes;
  /** WebAuthn L3 §10.1.5: the credential has a large-blob store. Absent: it has none. */
  largeBlobSupported?: boolean;
  /** The stored large blob, sealed like the private key. Absent: none stored. */
  largeBlob?: SealedBytes;
  /**
   * The highest signature counter value handed out or reserved (counter-reservation.ts): stored with
   * strict durability before any value up to it is used, so after a crash the counter goes on above
   * it. `signCount` is the value last used, written behind. Absent: nothing reserved.
   */
  counterReserved?: number;
  /**
   * Set when the site signalled that it no longer knows this credential (WebAuthn L3 §5.1.10);
   * absent in records from before signals were kept, and cleared on restore: not hidden. An optional
   * field needs no index and no migration, so no version step was needed for it and older vaults read as they are.
   */
  hidden?: true;
}

/**
 * A new credential stored while its prompt waits (credential-store.ts stage): sealed like any other,
 * unseen by every lookup until the approval moves it into `credentials`. A move an OS crash lost is
 * redone by a later worker: a staged record another worker life left, whose request did not come
 * back, may have been answered, so it is kept as a credential.
 */
export interface StagedRecord extends CredentialRecord {
  /** The request (its prompt) it was made for: a resumed request replaces it. */
  owner: string;
  /** The worker life that staged it: only another life's are recovered. */
  life: string;
}

/** Vault key protection: plain until the user sets a PIN, then wrapped by a key derived from it. */
export type VaultKeyRecord =
  | { kind: 'plain'; key: Uint8Array }
  | {
      kind: 'pin';
      salt: Uint8Array;
      iterations: number;
      wrapped: SealedBytes;
    };

export interface MetaValues {
  vaultKey: VaultKeyRecord;
  /** Consecutive wrong PINs; at PIN_MAX_RETRIES user verification is blocked (CTAP 2.1 §6.5.2.2). */
  pinRetries: number;
}

/**
 * One authenticator-code account (an `OtpAccount` plus bookkeeping). The secret is sealed with the
 * vault key like a passkey's private key; everything else is plain so the list can be sorted and
 * searched without decrypting.
 */
export type OtpAccountRecord = Omit<OtpAccount, 'secret'> &
  Omit<OtpBookkeeping, 'sites' | 'pinned'> & {
    /** Absent in records from before sites were kept: none. */
    sites?: string[];
    /** Absent in records from before pins were kept (and written only once pinned): not pinned. */
    pinned?: boolean;
    /** `id` is crypto.randomUUID() and part of the secret's AAD; `counter` (HOTP) is the code on screen. */
    secret: SealedBytes;
  };

export interface VaultSchema extends DBSchema {
  credentials: {
    key: string;
    value: CredentialRecord;
    indexes: { rpId: string; rpIdUser: [string, string]; createdAt: number };
  };
  meta: {
    key: keyof MetaValues;
    value: MetaValues[keyof MetaValues];
  };
  otpAccounts: {
    key: string;
    value: OtpAccountRecord;
  };
  staged: {
    key: string;
    value: StagedRecord;
  };
}
