import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { hotp } from '../totp/hotp.ts';
import { parseOtpauthUri } from '../totp/otpauth-uri.ts';
import { openVault } from './open-vault.ts';
import { IdbOtpStore } from './otp-store.ts';
import { importVaultKey } from './seal.ts';
import { sampleAccount } from './testing/fixtures.ts';
import { vaultCryptoKey } from './vault-key.ts';

let n = 0;
async function setup() {
  const db = await openVault(`otp-store-test-${n++}`);
  const key = await importVaultKey(crypto.getRandomValues(new Uint8Array(32)));
  return { db, store: new IdbOtpStore(db, async () => key) };
}

const account = sampleAccount;

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

describe('IdbOtpStore', () => {
  it('stores accounts in order and opens their secrets', async () => {
    const { store } = await setup();
    const result = await store.add([account('GitHub', 'alice', 1), account('AWS', 'bob', 2)]);
    expect(result.addedIds).toHaveLength(2);
    const list = await store.list();
    expect(list.map((a) => a.issuer)).toEqual(['GitHub', 'AWS']);
    expect(list[1]?.secret).toEqual(new Uint8Array(20).fill(2));
    expect(list.map((a) => a.order)).toEqual([0, 1]);
  });

  it('encrypts the secret at rest, bound to the record id', async () => {
    const { db, store } = await setup();
    const secret = new Uint8Array(20).fill(0x5a);
    const [id] = (await store.add([account('X', 'y', 0x5a)])).addedIds;
    const raw = await db.get('otpAccounts', id!);
    expect(raw).toBeDefined();
    const json = JSON.stringify(raw, (_k, v: unknown) => (v instanceof Uint8Array ? Array.from(v) : v));
    expect(json).not.toContain(Array.from(secret).join(','));
    expect(contains(raw!.secret.ciphertext, secret)).toBe(false);
    expect('secret' in raw! && raw.secret instanceof Uint8Array).toBe(false);
    // A sealed secret copied onto another record does not open there.
    await db.put('otpAccounts', { ...raw!, id: 'other' });
    await expect(store.get('other')).rejects.toThrow();
  });

  it('finds duplicates by secret or by issuer + account name, and applies the choice', async () => {
    const { store } = await setup();
    await store.add([account('GitHub', 'alice', 1)]);
    const asked = await store.add([
      account('github', 'ALICE ', 9),
      account('Other', 'x', 1),
      account('New', 'n', 3),
    ]);
    expect(asked.addedIds).toHaveLength(1);
    expect(asked.duplicates.map((d) => [d.index, d.reason])).toEqual([
      [0, 'name'],
      [1, 'secret'],
    ]);
    const skipped = await store.add([account('github', 'alice', 9)], 'skip');
    expect(skipped).toMatchObject({ addedIds: [], skipped: 1, replaced: 0 });
    const replaced = await store.add([account('GitHub', 'alice', 7)], 'replace');
    expect(replaced.replaced).toBe(1);
    let list = await store.list();
    expect(list).toHaveLength(2);
    expect(list[0]?.secret).toEqual(new Uint8Array(20).fill(7));
    expect(list[0]?.order).toBe(0);
    await store.add([account('GitHub', 'alice', 7)], 'add');
    list = await store.list();
    expect(list).toHaveLength(3);
  });

  it('moves the HOTP counter on and persists it before returning', async () => {
    const { db, store } = await setup();
    const uri = 'otpauth://hotp/Demo:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=0';
    const [id] = (await store.add([parseOtpauthUri(uri)])).addedIds;
    const next = await store.nextHotp(id!);
    expect(next.counter).toBe(1);
    expect((await db.get('otpAccounts', id!))?.counter).toBe(1);
    // RFC 4226 Appendix D: counter 1 of "12345678901234567890" is 287082.
    expect(await hotp({ secret: next.secret, counter: next.counter })).toBe('287082');
    await store.nextHotp(id!);
    expect((await store.get(id!))?.counter).toBe(2);
    const [totpId] = (await store.add([account('T', 't', 4)])).addedIds;
    await expect(store.nextHotp(totpId!)).rejects.toThrow(/not counter-based/);
    expect((await db.get('otpAccounts', totpId!))?.counter).toBe(0);
  });

  it('does not move the counter when the vault is locked', async () => {
    const { db, store } = await setup();
    const [id] = (await store.add([account('H', 'h', 5, { kind: 'hotp' })])).addedIds;
    const locked = new IdbOtpStore(db, () => Promise.reject(new Error('the vault is locked')));
    await expect(locked.nextHotp(id!)).rejects.toThrow(/locked/);
    expect((await db.get('otpAccounts', id!))?.counter).toBe(0);
  });

  it('renames, reorders and deletes', async () => {
    const { store } = await setup();
    const ids = (await store.add([account('A', 'a', 1), account('B', 'b', 2), account('C', 'c', 3)]))
      .addedIds;
    await store.reorder([ids[2]!, ids[0]!]);
    expect((await store.list()).map((a) => a.issuer)).toEqual(['C', 'A', 'B']);
    expect(await store.update(ids[1]!, { issuer: ' Bee ', accountName: 'bee@example.com' })).toBe(true);
    expect((await store.get(ids[1]!))?.issuer).toBe('Bee');
    expect(await store.delete(ids[0]!)).toBe(true);
    expect(await store.delete(ids[0]!)).toBe(false);
    expect((await store.list()).map((a) => a.issuer)).toEqual(['C', 'Bee']);
    // New accounts go last.
    await store.add([account('D', 'd', 4)]);
    expect((await store.list()).map((a) => a.issuer)).toEqual(['C', 'Bee', 'D']);
  });

  it('pins and unpins; an account replaced by a duplicate keeps its pin', async () => {
    const { db, store } = await setup();
    const [a, b] = (await store.add([account('A', 'a', 1), account('B', 'b', 2)])).addedIds;
    expect((await store.list()).map((x) => x.pinned)).toEqual([false, false]);
    expect(await store.setPinned(b!, true)).toBe(true);
    expect((await store.list()).map((x) => [x.issuer, x.pinned])).toEqual([
      ['A', false],
      ['B', true],
    ]);
    // Records from before pins were kept have no field at all: not pinned.
    const record = await db.get('otpAccounts', a!);
    const { pinned: _, ...old } = record!;
    await db.put('otpAccounts', old);
    expect((await store.get(a!))?.pinned).toBe(false);
    await store.add([account('B again', 'b', 2)], 'replace');
    expect((await store.get(b!))?.pinned).toBe(true);
    expect(await store.setPinned(b!, false)).toBe(true);
    expect((await store.get(b!))?.pinned).toBe(false);
    expect(await store.setPinned(crypto.randomUUID(), true)).toBe(false);
  });
});

describe('IdbOtpStore list cache', () => {
  it('never serves a list older than the last write', async () => {
    const db = await openVault(`otp-cache-${Math.random()}`);
    const cache = { value: undefined as Uint8Array | undefined };
    const keys = {
      get: async () => cache.value,
      set: async (raw: Uint8Array) => {
        cache.value = raw;
      },
      clear: async () => {
        cache.value = undefined;
      },
    };
    const store = new IdbOtpStore(db, () => vaultCryptoKey(db, keys));
    const account = parseOtpauthUri('otpauth://totp/A:alice?secret=JBSWY3DPEHPK3PXP&issuer=A');
    const [, added] = await Promise.all([store.list(), store.add([account], 'add')]);
    const id = added.addedIds[0]!;
    expect((await store.list()).map((a) => a.id)).toEqual([id]);
    await store.update(id, { issuer: 'B', accountName: 'bob' });
    expect((await store.list())[0]?.issuer).toBe('B');
    await store.delete(id);
    expect(await store.list()).toEqual([]);
  });
});
