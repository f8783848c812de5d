/**
 * The service worker's one vault: it owns the database, the unlocked key, both stores (passkeys and
 * authenticator codes), the PIN and the reset. Everything it caches lives here and goes in `reset()`,
 * so no other module keeps a copy that could outlive the keys it was made with.
 */

import type { BackupPayload } from '../../backup/backup-payload.ts';
import { IdbCredentialStore } from '../../storage/credential-store.ts';
import type { VaultDB } from '../../storage/open-vault.ts';
import { IdbOtpStore } from '../../storage/otp-store.ts';
import {
  exportVault,
  planRestore,
  type RestorePlan,
  type RestoreResult,
  restoreVault,
} from '../../storage/vault-backup.ts';
import {
  hasPin,
  PinError,
  pinRetries,
  removePin,
  resetVault,
  setPin,
  type UnlockedKeyCache,
  unlockWithPin,
  vaultCryptoKey,
} from '../../storage/vault-key.ts';

export class Vault {
  private database: Promise<VaultDB> | undefined;
  private credentialStore: Promise<IdbCredentialStore> | undefined;
  private codeStore: Promise<IdbOtpStore> | undefined;
  /** The vault's AES key, imported once per worker life (while unlocked). */
  private cryptoKey: CryptoKey | undefined;
  /** Whether a PIN is set, read once per worker life: the answer path must not wait on IndexedDB. */
  private pinSet: boolean | undefined;
  /** Moves on with every key change, so a key fetched across one is not kept. */
  private generation = 0;
  /** Moves on with every PIN change or reset, so a read that overlapped one is not kept. */
  private pinVersion = 0;
  /** A key change (PIN set, changed, removed; reset) under way: key() waits for it. */
  private changing: Promise<unknown> = Promise.resolve();

  /**
   * @param used Called whenever the vault key is used (a signature, the codes, a backup), so that
   *   auto-lock can measure the time without use.
   */
  constructor(
    private readonly open: () => Promise<VaultDB>,
    private readonly unlocked: UnlockedKeyCache,
    private readonly used: () => void = () => undefined,
  ) {}

  db(): Promise<VaultDB> {
    this.database ??= this.open();
    return this.database;
  }

  /** The passkeys: the authenticator's CredentialStore port. */
  credentials(): Promise<IdbCredentialStore> {
    this.credentialStore ??= this.db().then((db) => new IdbCredentialStore(db, () => this.key()));
    return this.credentialStore;
  }

  /** The authenticator-code accounts. */
  codes(): Promise<IdbOtpStore> {
    this.codeStore ??= this.db().then((db) => new IdbOtpStore(db, () => this.key()));
    return this.codeStore;
  }

  /** Throws VaultLockedError while a PIN protects the vault and has not been entered. */
  private async key(): Promise<CryptoKey> {
    await this.changing;
    this.used();
    if (this.cryptoKey) return this.cryptoKey;
    const generation = this.generation;
    const key = await vaultCryptoKey(await this.db(), this.unlocked);
    // A key change that began meanwhile replaced this key: use it once, never keep it.
    if (generation === this.generation) this.cryptoKey = key;
    return key;
  }

  /** Runs a change of the vault key alone; everything cached from the old key goes with it. */
  private changeKey<T>(change: () => Promise<T>): Promise<T> {
    this.generation++;
    this.cryptoKey = undefined;
    const run = this.changing.then(change).finally(() => {
      this.generation++;
      this.cryptoKey = undefined;
      this.codeStore = undefined;
      this.forgetPinState();
    });
    this.changing = run.catch(() => undefined);
    return run;
  }

  async pinIsSet(): Promise<boolean> {
    if (this.pinSet !== undefined) return this.pinSet;
    const version = this.pinVersion;
    const set = await hasPin(await this.db());
    // A PIN change or reset during the read makes the value stale: use it, but do not keep it.
    if (version === this.pinVersion) this.pinSet = set;
    return set;
  }

  /** Locked: a PIN protects the vault and it has not been entered since the browser started. */
  async isLocked(): Promise<boolean> {
    return (await this.pinIsSet()) && !(await this.unlocked.get());
  }

  async pinRetries(): Promise<number> {
    return pinRetries(await this.db());
  }

  /** Verifies the PIN and unlocks. Throws PinError('wrong' | 'blocked' | 'not-set'). */
  async unlock(pin: string): Promise<void> {
    await unlockWithPin(await this.db(), this.unlocked, pin);
  }

  /** Sets the first PIN, or changes it after `currentPin` unlocks the vault. Throws PinError. */
  async setPin(newPin: string, currentPin?: string): Promise<void> {
    const db = await this.db();
    if (await hasPin(db)) {
      if (!currentPin) throw new PinError('invalid', 'enter your current PIN to change it');
      await unlockWithPin(db, this.unlocked, currentPin);
    }
    await this.changeKey(() => setPin(db, this.unlocked, newPin));
  }

  /** Removes the PIN: only the browser profile protects the keys afterwards. Throws PinError. */
  async removePin(currentPin: string): Promise<void> {
    const db = await this.db();
    await this.changeKey(() => removePin(db, this.unlocked, currentPin));
  }

  /**
   * Locks now (a PIN must be set): the unlocked key and everything opened with it are forgotten; the
   * next signature or code asks for the PIN.
   */
  async lock(): Promise<void> {
    if (!(await this.pinIsSet())) return;
    await this.changeKey(() => this.unlocked.clear());
  }

  /** Everything in the vault, opened, for a backup file that is sealed at once. */
  async exportAll(settings: BackupPayload['settings']): Promise<BackupPayload> {
    return exportVault(await this.db(), await this.key(), await this.codes(), settings);
  }

  async planRestore(payload: BackupPayload): Promise<RestorePlan> {
    return planRestore(await this.db(), await this.codes(), payload);
  }

  /** Restores a backup in one transaction; the code list cached from before goes. */
  async restore(
    payload: BackupPayload,
    onDuplicate: 'skip' | 'replace' | 'add',
    counters: 'move-past' | 'as-given' = 'move-past',
  ): Promise<RestoreResult> {
    const db = await this.db();
    const key = await this.key();
    const codes = await this.codes();
    try {
      return await restoreVault(db, key, codes, payload, onDuplicate, Date.now(), counters);
    } finally {
      this.codeStore = undefined;
    }
  }

  /** Erases every passkey, code and the PIN (CTAP 2.1 §6.6 authenticatorReset), and what was cached. */
  async reset(): Promise<void> {
    const db = await this.db();
    await this.changeKey(() => resetVault(db, this.unlocked));
  }

  private forgetPinState(): void {
    this.pinVersion++;
    this.pinSet = undefined;
  }
}
