/**
 * Sign-ins use the records this worker already read (reading one again cost about 3 ms in Chrome),
 * but only while no read-write transaction on the credentials was opened since, the counter's own
 * write-behind aside: a passkey deleted, edited or re-keyed meanwhile is read again.
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
  it('reads the credential once for sign-in after sign-in, the counter written behind each', async () => {
    const { db, store } = await setup();
    const reads = countReads(db);
    for (let i = 1; i <= 3; i++) {
      expect(await store.findByIds('example.com', [ID], 'sign-in')).toHaveLength(1);
      expect((await store.useForSigning('example.com', ID, i * 10)).signCount).toBe(i);
    }
    expect(reads.count).toBe(1);
    // What memory says is what is stored: the write-behind wrote the same values.
    await db.transaction('credentials', 'readwrite').done;
    const stored = await db.get('credentials', toBase64url(ID));
    expect([stored?.signCount, stored?.lastUsedAt]).toEqual([3, 30]);
    // A site's list is one read (by its index), then memory too.
    const before = reads.count;
    expect(await store.listDiscoverable('example.com')).toHaveLength(1);
    expect(await store.listDiscoverable('example.com')).toHaveLength(1);
    expect(reads.count).toBe(before + 1);
  });

  it('reads again when any other write was opened in between: a renamed passkey shows its new name', async () => {
    const { db, store } = await setup();
    const reads = countReads(db);
    await store.findByIds('example.com', [ID], 'sign-in');
    await editCredential(db, toBase64url(ID), { userName: 'renamed' });
    const [found] = await store.findByIds('example.com', [ID], 'sign-in');
    expect(found?.userName).toBe('renamed');
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
      /this\.cache\.writingBehind\(id, reserved, value, now\);\s*void \(async \(\) => \{\s*const tx = this\.db\.transaction\('credentials', 'readwrite'\)/,
    );
  });
});
