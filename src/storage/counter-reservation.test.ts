import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { toBase64url } from '../shared/bytes.ts';
import {
  backupCounter,
  COUNTER_BLOCK,
  counterFloor,
  reserveAhead,
  reserveBlock,
  takeReserved,
} from './counter-reservation.ts';
import { IdbCredentialStore } from './credential-store.ts';
import { openVault, type VaultDB } from './open-vault.ts';
import { memoryCache, sampleCredential } from './testing/fixtures.ts';
import { recordTransactions } from './testing/transactions.ts';
import { vaultCryptoKey } from './vault-key.ts';
import { writeTransaction } from './write-transaction.ts';

const ID = Uint8Array.of(1, 1, 1);

describe('counter reservation (pure)', () => {
  it('starts a block above everything stored: the last value used and the reserved top', () => {
    expect(reserveBlock({ signCount: 5 })).toEqual({
      value: 6,
      reservation: { next: 7, reserved: 5 + COUNTER_BLOCK },
    });
    expect(reserveBlock({ signCount: 5, counterReserved: 40 }).value).toBe(41);
    expect(counterFloor({ signCount: 50, counterReserved: 40 })).toBe(50);
  });

  it('hands out reserved values only while the stored top is the one reserved', () => {
    const held = { next: 7, reserved: 10 };
    expect(takeReserved(held, { signCount: 6, counterReserved: 10 })).toBe(7);
    expect(takeReserved(held, { signCount: 7, counterReserved: 10 })).toBe(8);
    // Reserved anew elsewhere, or replaced by a restore: not ours any more.
    expect(takeReserved(held, { signCount: 8, counterReserved: 99 })).toBeUndefined();
    expect(takeReserved(held, { signCount: 8 })).toBeUndefined();
    // A stored value at or above the next one (a restore moved past it).
    expect(takeReserved({ next: 9, reserved: 10 }, { signCount: 9, counterReserved: 10 })).toBeUndefined();
    // Used up.
    expect(takeReserved({ next: 11, reserved: 10 }, { signCount: 10, counterReserved: 10 })).toBeUndefined();
  });

  it('reserves ahead above everything stored, nothing used yet', () => {
    expect(reserveAhead({ signCount: 0 })).toEqual({ next: 1, reserved: COUNTER_BLOCK });
    expect(reserveAhead({ signCount: 5, counterReserved: 40 })).toEqual({
      next: 41,
      reserved: 40 + COUNTER_BLOCK,
    });
  });

  it('backs up a passkey never used with its own counter, a used one above its reserved block', () => {
    expect(backupCounter({ signCount: 0, counterReserved: COUNTER_BLOCK, lastUsedAt: null })).toBe(0);
    expect(backupCounter({ signCount: 3, counterReserved: COUNTER_BLOCK, lastUsedAt: 9 })).toBe(
      COUNTER_BLOCK,
    );
    expect(backupCounter({ signCount: 50, counterReserved: 40, lastUsedAt: 9 })).toBe(50);
  });

  it('wraps as a uint32 counter does', () => {
    expect(reserveBlock({ signCount: 2 ** 32 - 1 }).value).toBe(0);
    expect(reserveBlock({ signCount: 2 ** 32 - 5 }).reservation.reserved).toBe(2 ** 32 - 1);
  });
});

let n = 0;
async function setup() {
  const db = await openVault(`counter-vault-${n++}`);
  const cache = memoryCache();
  const newStore = () => new IdbCredentialStore(db, () => vaultCryptoKey(db, cache));
  const store = newStore();
  await store.add(sampleCredential(1));
  return { db, store, newStore };
}

/** Counts the strict read-write transactions on `credentials`. */
function countStrictWrites(db: VaultDB): { readonly count: number } {
  const seen = recordTransactions(db);
  return {
    get count() {
      return seen.filter(
        (t) => t.stores.includes('credentials') && t.mode === 'readwrite' && t.durability === 'strict',
      ).length;
    },
  };
}

const sign = (store: IdbCredentialStore, at: number) =>
  store.useForSigning('example.com', ID, at).then((k) => k.signCount);

describe('counter reservation in the credential store', () => {
  it("reserves a new credential's first block as it is stored: its first sign-ins write nothing strict", async () => {
    const { db, store } = await setup();
    expect((await db.get('credentials', toBase64url(ID)))?.counterReserved).toBe(COUNTER_BLOCK);
    const strict = countStrictWrites(db);
    expect([await sign(store, 1), await sign(store, 2), await sign(store, 3)]).toEqual([1, 2, 3]);
    expect(strict.count).toBe(0);
    const record = await db.get('credentials', toBase64url(ID));
    expect(record?.counterReserved).toBe(COUNTER_BLOCK);
    // The value used and the time are written behind.
    expect(record?.signCount).toBe(3);
    expect(record?.lastUsedAt).toBe(3);
  });

  it('stores the next block when one is used up, contiguously', async () => {
    const { db, store } = await setup();
    const strict = countStrictWrites(db);
    const counters: number[] = [];
    for (let i = 1; i <= 2 * COUNTER_BLOCK + 1; i++) counters.push(await sign(store, i));
    expect(counters).toEqual(Array.from({ length: 2 * COUNTER_BLOCK + 1 }, (_, i) => i + 1));
    expect(strict.count).toBe(2);
  });

  it('after a restart (or a crash before the write-behind) goes on above every value handed out', async () => {
    const { db, store, newStore } = await setup();
    await sign(store, 1);
    await sign(store, 2);
    // The crash lost the last write-behind: the stored counter says 1, but 2 was used.
    const record = (await db.get('credentials', toBase64url(ID)))!;
    await db.put('credentials', { ...record, signCount: 1 });
    const restarted = newStore();
    expect(await sign(restarted, 3)).toBe(COUNTER_BLOCK + 1);
  });

  it('does not use a block reserved before the record was replaced (a restore)', async () => {
    const { db, store } = await setup();
    await sign(store, 1);
    const record = (await db.get('credentials', toBase64url(ID)))!;
    const { counterReserved: _, ...restored } = record;
    // As every write to the credentials is made (looked-up-record.test.ts checks it).
    const tx = writeTransaction(db, ['credentials']);
    await tx.store.put({ ...restored, signCount: 500 });
    await tx.done;
    expect(await sign(store, 2)).toBe(501);
  });
});

describe('a counter value held for a signature made while the user decides', () => {
  const hold = (store: IdbCredentialStore) => store.holdForSigning('example.com', ID);

  it('comes from the reserved block, writes nothing, and its use is recorded behind', async () => {
    const { db, store } = await setup();
    const strict = countStrictWrites(db);
    const held = await hold(store);
    expect(held?.signCount).toBe(1);
    expect(held?.privateKey).toEqual(new Uint8Array(32).fill(0xab));
    expect((await db.get('credentials', toBase64url(ID)))?.lastUsedAt).toBeNull();
    expect(store.useHeld('example.com', ID, 1, 50)).toBe(true);
    // Written behind: a read-write transaction opened now runs after it.
    await db.transaction('credentials', 'readwrite').done;
    expect(strict.count).toBe(0);
    const record = await db.get('credentials', toBase64url(ID));
    expect(record?.signCount).toBe(1);
    expect(record?.lastUsedAt).toBe(50);
    expect(await sign(store, 60)).toBe(2);
  });

  it('is stale once another signature took a later value: it must not be sent', async () => {
    const { store } = await setup();
    const held = await hold(store);
    expect(await sign(store, 5)).toBe(2);
    expect(store.useHeld('example.com', ID, held!.signCount, 6)).toBe(false);
  });

  it('is spent when not used: the next signature goes above it', async () => {
    const { store } = await setup();
    await hold(store);
    expect(await sign(store, 5)).toBe(2);
  });

  it('after a restart stores a new block first (while the user decides), and records no use', async () => {
    const { db, store, newStore } = await setup();
    await sign(store, 1);
    const restarted = newStore();
    const strict = countStrictWrites(db);
    const held = await hold(restarted);
    expect(held?.signCount).toBe(COUNTER_BLOCK + 1);
    expect(strict.count).toBe(1);
    const record = await db.get('credentials', toBase64url(ID));
    expect(record?.counterReserved).toBe(2 * COUNTER_BLOCK);
    expect(record?.lastUsedAt).toBe(1);
    expect(restarted.useHeld('example.com', ID, COUNTER_BLOCK + 1, 7)).toBe(true);
  });

  it('is not held for another site, and nothing is written', async () => {
    const { db, newStore } = await setup();
    const strict = countStrictWrites(db);
    expect(await newStore().holdForSigning('evil.example', ID)).toBeUndefined();
    expect(strict.count).toBe(0);
  });

  it('is not held for a large blob to write', async () => {
    const { store } = await setup();
    expect(
      await store.holdForSigning('example.com', ID, { largeBlob: { write: Uint8Array.of(1) } }),
    ).toBeUndefined();
  });
});
