/** The service worker's one vault: database, credential store and the unlocked-key cache. */
import { fromBase64url, toBase64url } from '../shared/bytes.ts';
import { IdbCredentialStore } from '../storage/credential-store.ts';
import { openVault, type VaultDB } from '../storage/open-vault.ts';
import { hasPin, type UnlockedKeyCache, vaultCryptoKey } from '../storage/vault-key.ts';
import { readSession, removeSession, updateSession } from './session-state.ts';

const SESSION_KEY = 'unlockedVaultKey';

/** The raw vault key while unlocked: memory first, then storage.session after a restart. */
let memoryKey: Uint8Array | undefined;

export const unlockedKeyCache: UnlockedKeyCache = {
  async get() {
    if (memoryKey) return memoryKey;
    const stored = await readSession<string | null>(SESSION_KEY, null);
    if (stored) memoryKey = fromBase64url(stored);
    return memoryKey;
  },
  async set(raw) {
    memoryKey = raw;
    await updateSession(SESSION_KEY, null as string | null, () => ({
      value: toBase64url(raw),
      result: undefined,
    }));
  },
  async clear() {
    memoryKey = undefined;
    await removeSession(SESSION_KEY);
  },
};

let dbPromise: Promise<VaultDB> | undefined;

export function db(): Promise<VaultDB> {
  dbPromise ??= openVault();
  return dbPromise;
}

let storePromise: Promise<IdbCredentialStore> | undefined;
let cryptoKey: CryptoKey | undefined;

export function credentialStore(): Promise<IdbCredentialStore> {
  storePromise ??= db().then((database) => new IdbCredentialStore(database, vaultCryptoKeyGetter));
  return storePromise;
}

/** The vault's AES key, imported once per worker life; throws VaultLockedError while locked. */
export async function vaultCryptoKeyGetter(): Promise<CryptoKey> {
  cryptoKey ??= await vaultCryptoKey(await db(), unlockedKeyCache);
  return cryptoKey;
}

let pinSetCache: boolean | undefined;

/** Whether a PIN is set, read once per worker life (the answer path must not wait on IndexedDB). */
export async function pinIsSet(): Promise<boolean> {
  if (pinSetCache !== undefined) return pinSetCache;
  const version = pinVersion;
  const set = await hasPin(await db());
  // A PIN change or reset during the read makes the value stale: use it, but do not keep it.
  if (version === pinVersion) pinSetCache = set;
  return set;
}

let pinVersion = 0;

/** Call after setting or changing the PIN. */
export function pinChanged(): void {
  pinVersion++;
  pinSetCache = undefined;
}

/** Call after the vault was erased: a new vault key will be made on first use. */
export function vaultReset(): void {
  pinVersion++;
  pinSetCache = undefined;
  cryptoKey = undefined;
}

/** Locked: a PIN protects the vault and it has not been entered since the browser started. */
export async function isLocked(): Promise<boolean> {
  return (await pinIsSet()) && !(await unlockedKeyCache.get());
}
