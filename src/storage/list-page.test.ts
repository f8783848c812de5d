import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { toBase64url, utf8 } from '../shared/bytes.ts';
import { IdbCredentialStore, type PasskeyCursor } from './credential-store.ts';
import { openVault } from './open-vault.ts';
import { memoryCache, sampleCredential } from './testing/fixtures.ts';
import { vaultCryptoKey } from './vault-key.ts';

let n = 0;
/** `perSite` passkeys on each of `sites` sites, added in a scrambled order. */
async function storeWith(sites: number, perSite: number) {
  const db = await openVault(`list-page-${n++}`);
  const cache = memoryCache();
  const store = new IdbCredentialStore(db, () => vaultCryptoKey(db, cache));
  const order: number[] = [];
  for (let i = 0; i < sites * perSite; i++) order.push((i * 7919) % (sites * perSite));
  for (const k of order) {
    const site = k % sites;
    await store.add(
      sampleCredential(k + 1, {
        credentialId: Uint8Array.of(k >> 8, k & 0xff, 9),
        rpId: `site-${String(site).padStart(2, '0')}.example`,
        userHandle: utf8(`user-${k}`),
      }),
    );
  }
  return store;
}

async function everyPage(store: IdbCredentialStore, limit: number) {
  const pages: string[][] = [];
  let after: PasskeyCursor | undefined;
  do {
    const page = await store.listPage(after, limit);
    pages.push(page.summaries.map((s) => `${s.rpId} ${toBase64url(s.credentialId)}`));
    after = page.next;
  } while (after);
  return pages;
}

describe('the Passkeys list a page at a time (issue 11: 10,000 passkeys open in ≤ 300 ms)', () => {
  it('gives every passkey exactly once, in site order then ID order, whatever the page size', async () => {
    const store = await storeWith(7, 5);
    const all = (await store.listAll())
      .map((s) => `${s.rpId} ${toBase64url(s.credentialId)}`)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const limit of [1, 3, 5, 6, 34, 35, 100]) {
      const pages = await everyPage(store, limit);
      expect(pages.flat()).toEqual(all);
      // Full pages until the last; no empty page after a full one.
      expect(pages.slice(0, -1).every((p) => p.length === limit)).toBe(true);
      expect(pages.at(-1)?.length).toBeGreaterThan(0);
    }
  });

  it('a site split across two pages goes on where the first page stopped', async () => {
    const store = await storeWith(2, 4);
    const [first, second] = await everyPage(store, 3);
    expect(first?.every((row) => row.startsWith('site-00'))).toBe(true);
    expect(second?.[0]?.startsWith('site-00')).toBe(true);
    expect(new Set([...(first ?? []), ...(second ?? [])]).size).toBe(6);
  });

  it('an empty vault is one empty page with nothing after it', async () => {
    const store = await storeWith(0, 0);
    expect(await store.listPage(undefined, 10)).toEqual({ summaries: [] });
  });
});

describe('counting passkeys for Settings without reading them', () => {
  it('counts all, and those made after the last backup (strictly after)', async () => {
    const db = await openVault(`count-since-${n++}`);
    const cache = memoryCache();
    const store = new IdbCredentialStore(db, () => vaultCryptoKey(db, cache));
    for (const [k, createdAt] of [
      [1, 100],
      [2, 200],
      [3, 300],
    ] as const) {
      await store.add(sampleCredential(k, { createdAt }));
    }
    expect(await store.countSince(null)).toEqual({ all: 3, since: 3 });
    expect(await store.countSince(200)).toEqual({ all: 3, since: 1 });
    expect(await store.countSince(99)).toEqual({ all: 3, since: 3 });
    expect(await store.countSince(300)).toEqual({ all: 3, since: 0 });
  });
});
