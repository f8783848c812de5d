/**
 * The core in Node through the extension's own IndexedDB credential store (src/storage), not the
 * in-memory fake: every makeCredential seals the private key and PRF secrets with AES-256-GCM and
 * writes one strict-durability transaction; every getAssertion reads the record, unseals the key
 * and takes the signature counter from a reserved block (one write per 32 sign-ins). IndexedDB is
 * fake-indexeddb (an in-memory implementation in JavaScript) and WebCrypto is Node's, so this
 * measures Tapkey's storage code and its encryption, not Chrome's IndexedDB or disk.
 */
import 'fake-indexeddb/auto';
import { getAssertion } from '../../src/authenticator/get-assertion.ts';
import { makeCredential } from '../../src/authenticator/make-credential.ts';
import { IdbCredentialStore } from '../../src/storage/credential-store.ts';
import { openVault } from '../../src/storage/open-vault.ts';
import { type UnlockedKeyCache, vaultCryptoKey } from '../../src/storage/vault-key.ts';
import { type CoreRate, corePorts, getParams, makeParams, rate } from './core.ts';

/** The unlocked vault key in memory, as the worker's session cache holds it. */
function memoryKeyCache(): UnlockedKeyCache {
  let value: Uint8Array | undefined;
  return {
    get: async () => value,
    set: async (raw) => {
      value = raw;
    },
    clear: async () => {
      value = undefined;
    },
  };
}

export async function runCoreIdb(options: { warmupMs: number; durationMs: number }): Promise<CoreRate[]> {
  const { warmupMs, durationMs } = options;
  const db = await openVault(`tapkey-bench-${Date.now()}`);
  const cache = memoryKeyCache();
  // As the Vault does: the CryptoKey is imported once and kept while unlocked.
  let key: Promise<CryptoKey> | undefined;
  const store = new IdbCredentialStore(db, () => {
    key ??= vaultCryptoKey(db, cache);
    return key;
  });
  const p = corePorts(store);
  try {
    const rates = [
      await rate(
        'makeCredential (ES256) via IndexedDB store, sealed',
        (i) => makeCredential(makeParams(i), p),
        warmupMs,
        durationMs,
      ),
    ];
    const target = await makeCredential(makeParams(-1), p);
    rates.push(
      await rate(
        'getAssertion (ES256) via IndexedDB store, sealed',
        () => getAssertion(getParams(target.credentialId), p),
        warmupMs,
        durationMs,
      ),
    );
    return rates;
  } finally {
    db.close();
  }
}
