/**
 * A sign-in right after the lookup that found its credential signs with the record the lookup read
 * (reading it again cost about 2 ms in Chrome), but only while no read-write transaction on the
 * credentials was opened in between: a passkey deleted, edited or re-keyed meanwhile is read again.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { toBase64url } from '../shared/bytes.ts';
import { IdbCredentialStore } from './credential-store.ts';
import { editCredential } from './edit-credential.ts';
import { openVault, type VaultDB } from './open-vault.ts';
import { memoryCache, sampleCredential } from './testing/fixtures.ts';
import { recordTransactions } from './testing/transactions.ts';
import { vaultCryptoKey } from './vault-key.ts';

const ID = Uint8Array.of(1, 1, 1);
let n = 0;

async function setup() {
  const db = await openVault(`looked-up-${n++}`);
  const cache = memoryCache();
  const store = new IdbCredentialStore(db, () => vaultCryptoKey(db, cache));
  await store.add(sampleCredential(1));
  // A sign-in that reserves nothing strict: the block reserved with the passkey is in memory.
  return { db, store };
}

/** Counts the transactions opened on `credentials` that only read. */
function countReads(db: VaultDB): { readonly count: number } {
  const seen = recordTransactions(db);
  return {
    get count() {
      return seen.filter((t) => t.stores.includes('credentials') && t.mode === 'readonly').length;
    },
  };
}

describe('signing with the record the lookup read', () => {
  it('reads the credential once for a lookup and the signature after it', async () => {
    const { db, store } = await setup();
    const reads = countReads(db);
    expect(await store.findByIds('example.com', [ID], 'sign-in')).toHaveLength(1);
    const key = await store.useForSigning('example.com', ID, 5);
    expect(key.signCount).toBe(1);
    expect(reads.count).toBe(1);
    // Taken once: the next signature without a lookup reads again.
    expect((await store.useForSigning('example.com', ID, 6)).signCount).toBe(2);
    expect(reads.count).toBe(2);
  });

  it('reads again when a write was opened in between: a deleted passkey does not sign', async () => {
    const { store } = await setup();
    await store.findByIds('example.com', [ID], 'sign-in');
    await store.delete(toBase64url(ID));
    await expect(store.useForSigning('example.com', ID, 5)).rejects.toThrow('credential not found');
  });

  it('reads again after an edit elsewhere (the workbench sets the counter)', async () => {
    const { db, store } = await setup();
    expect(await store.listDiscoverable('example.com')).toHaveLength(1);
    await editCredential(db, toBase64url(ID), { signCount: 500 });
    expect((await store.useForSigning('example.com', ID, 5)).signCount).toBe(501);
  });
});

describe('every write to the credentials is counted', () => {
  it('opens read-write transactions only through writeTransaction or the counted write-behind', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory()
          ? files(join(dir, e.name))
          : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')
            ? [join(dir, e.name)]
            : [],
      );
    const writers = files('src').filter((f) => {
      const text = readFileSync(f, 'utf8');
      // An explicit read-write transaction, or one of idb's writing shortcuts on the database.
      return /'readwrite'/.test(text) || /\bdb\.(put|add|delete|clear)\(/.test(text);
    });
    expect(writers.sort()).toEqual(['src/storage/credential-store.ts', 'src/storage/write-transaction.ts']);
    const store = readFileSync('src/storage/credential-store.ts', 'utf8');
    expect(store).toMatch(
      /credentialsWritten\(this\.db\);\s*void \(async \(\) => \{\s*const tx = this\.db\.transaction\('credentials', 'readwrite'\)/,
    );
  });
});
