/**
 * A new credential is stored while its prompt waits (strictly, unseen by every lookup), so Approve
 * needs no disk write before the page hears back: the approval moves it into `credentials` in a
 * transaction opened at once. Refused, it goes; sealed under a vault key replaced since, it is not
 * kept (the caller stores it afresh); left by a worker that stopped, it is kept unless its request
 * came back (the page may have had the answer).
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { toBase64url, utf8 } from '../shared/bytes.ts';
import { COUNTER_BLOCK } from './counter-reservation.ts';
import { IdbCredentialStore } from './credential-store.ts';
import { openVault, type VaultDB } from './open-vault.ts';
import { importVaultKey } from './seal.ts';
import { sampleCredential } from './testing/fixtures.ts';
import { recordTransactions } from './testing/transactions.ts';

let n = 0;
const ID = Uint8Array.of(1, 1, 1);

async function setup() {
  const db = await openVault(`staged-${n++}`);
  let key = await importVaultKey(new Uint8Array(32).fill(1));
  const newStore = () => new IdbCredentialStore(db, async () => key);
  const store = newStore();
  /** A PIN set or changed: the vault key is replaced. */
  const replaceKey = async () => {
    key = await importVaultKey(new Uint8Array(32).fill(2));
  };
  return { db, store, newStore, replaceKey };
}

function strictWrites(db: VaultDB, store: 'credentials' | 'staged') {
  const seen = recordTransactions(db);
  return () => seen.filter((t) => t.stores.includes(store) && t.durability === 'strict').length;
}

const visible = async (store: IdbCredentialStore) => ({
  byId: (await store.findByIds('example.com', [ID], 'sign-in')).length,
  discoverable: (await store.listDiscoverable('example.com')).length,
  all: (await store.listAll()).length,
});

describe('a credential staged while its prompt waits', () => {
  it('is on disk at once (strictly) and unseen by every lookup', async () => {
    const { db, store } = await setup();
    const strict = strictWrites(db, 'staged');
    expect(await store.stageFor(sampleCredential(1), 'request-1')).toBe(true);
    expect(strict()).toBe(1);
    expect(await db.count('staged')).toBe(1);
    expect(await visible(store)).toEqual({ byId: 0, discoverable: 0, all: 0 });
  });

  it('becomes a credential on approval without a strict write, seen by the very next lookup', async () => {
    const { db, store } = await setup();
    await store.stageFor(sampleCredential(1), 'request-1');
    const strict = strictWrites(db, 'credentials');
    expect(await store.commitStaged(ID)).toBe(true);
    // Not waited for: the lookup's transaction opens after the move's, so it runs after it.
    expect(await visible(store)).toEqual({ byId: 1, discoverable: 1, all: 1 });
    expect(await db.count('staged')).toBe(0);
    expect(strict()).toBe(0);
    // Its first counter block was reserved as it was staged: its first sign-in writes nothing strict.
    expect((await store.useForSigning('example.com', ID, 5)).signCount).toBe(1);
    expect(strict()).toBe(0);
    expect((await db.get('credentials', toBase64url(ID)))?.counterReserved).toBe(COUNTER_BLOCK);
  });

  it('replaces the discoverable credential of the same account when it is kept, as add does', async () => {
    const { store } = await setup();
    await store.add(sampleCredential(2, { userHandle: utf8('user-1') }));
    await store.stageFor(sampleCredential(1), 'request-1');
    expect((await store.listDiscoverable('example.com')).map((c) => c.credentialId[0])).toEqual([2]);
    await store.commitStaged(ID);
    expect((await store.listDiscoverable('example.com')).map((c) => c.credentialId[0])).toEqual([1]);
  });

  it('is forgotten when the user refuses', async () => {
    const { db, store } = await setup();
    await store.stageFor(sampleCredential(1), 'request-1');
    store.discardStaged(ID);
    await db.transaction('staged', 'readwrite').done;
    expect(await db.count('staged')).toBe(0);
    expect(await store.commitStaged(ID)).toBe(false);
    expect(await visible(store)).toEqual({ byId: 0, discoverable: 0, all: 0 });
  });

  it('is not kept once the vault key was replaced: the caller stores it afresh', async () => {
    const { db, store, replaceKey } = await setup();
    await store.stageFor(sampleCredential(1), 'request-1');
    await replaceKey();
    expect(await store.commitStaged(ID)).toBe(false);
    await db.transaction('staged', 'readwrite').done;
    expect(await db.count('staged')).toBe(0);
    expect(await db.count('credentials')).toBe(0);
  });

  it('is not staged while the vault is locked', async () => {
    const db = await openVault(`staged-${n++}`);
    const locked = new IdbCredentialStore(db, async () => {
      throw new Error('locked');
    });
    expect(await locked.stageFor(sampleCredential(1), 'request-1')).toBe(false);
    expect(await db.count('staged')).toBe(0);
  });
});

describe('what an earlier worker left staged', () => {
  it('is kept as a credential when its request did not come back: the page may have had the answer', async () => {
    const { store, newStore } = await setup();
    await store.stageFor(sampleCredential(1), 'gone');
    await store.stageFor(sampleCredential(2), 'resumed');
    const next = newStore();
    expect(await next.recoverStaged((owner) => owner === 'resumed')).toBe(1);
    expect((await next.listAll()).map((c) => c.credentialId[0])).toEqual([1]);
  });

  it("is replaced by the resumed request's own when that is approved, and goes when it is refused", async () => {
    const { db, store, newStore } = await setup();
    await store.stageFor(sampleCredential(1), 'resumed');
    await store.stageFor(sampleCredential(3), 'refused');
    const next = newStore();
    await next.stageFor(sampleCredential(2), 'resumed');
    await next.stageFor(sampleCredential(4), 'refused');
    await next.commitStaged(Uint8Array.of(2, 2, 2));
    next.discardStaged(Uint8Array.of(4, 4, 4));
    await db.transaction('staged', 'readwrite').done;
    expect((await next.listAll()).map((c) => c.credentialId[0])).toEqual([2]);
    expect(await db.count('staged')).toBe(0);
  });

  it("is never this worker's own: a prompt waiting now keeps its staged credential", async () => {
    const { db, store } = await setup();
    await store.stageFor(sampleCredential(1), 'waiting');
    expect(await store.recoverStaged(() => false)).toBe(0);
    expect(await db.count('staged')).toBe(1);
  });
});
