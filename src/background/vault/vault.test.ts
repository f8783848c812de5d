import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { openVault } from '../../storage/open-vault.ts';
import { PinError, type UnlockedKeyCache, VaultLockedError } from '../../storage/vault-key.ts';
import type { OtpAccount } from '../../totp/types.ts';
import { Vault } from './vault.ts';

/** The session cache in memory: what a browser restart forgets is what `forget()` drops. */
function memoryCache(): UnlockedKeyCache & { forget(): void } {
  let raw: Uint8Array | undefined;
  return {
    get: async () => raw,
    set: async (value) => {
      raw = value;
    },
    clear: async () => {
      raw = undefined;
    },
    forget: () => {
      raw = undefined;
    },
  };
}

// Every PIN costs a 600,000-iteration PBKDF2, about a second while other tests share the cores.
vi.setConfig({ testTimeout: 30_000 });

let n = 0;
function vault(cache = memoryCache()) {
  const name = `vault-test-${n++}`;
  return { vault: new Vault(() => openVault(name), cache), cache, name };
}

const account: OtpAccount = {
  kind: 'totp',
  issuer: 'Example',
  accountName: 'alice',
  secret: new Uint8Array(20).fill(7),
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  extra: {},
};

describe('Vault', () => {
  it('opens one database and one store of each kind per life', async () => {
    const { vault: v } = vault();
    expect(await v.db()).toBe(await v.db());
    expect(await v.credentials()).toBe(await v.credentials());
    expect(await v.codes()).toBe(await v.codes());
  });

  it('changing the PIN needs the current one, and a wrong one counts', async () => {
    const { vault: v } = vault();
    await v.setPin('1234');
    expect(await v.pinIsSet()).toBe(true);
    await expect(v.setPin('5678')).rejects.toBeInstanceOf(PinError);
    await expect(v.setPin('5678', '')).rejects.toBeInstanceOf(PinError);
    expect(await v.pinRetries()).toBe(8);
    await expect(v.setPin('5678', '0000')).rejects.toMatchObject({ reason: 'wrong', retriesLeft: 7 });
    await v.setPin('5678', '1234');
    expect(await v.pinRetries()).toBe(8);
  });

  it('locks when the unlocked key is forgotten, and the PIN opens it again', async () => {
    const { vault: v, cache, name } = vault();
    await (await v.codes()).add([account], 'ask');
    await v.setPin('1234');
    cache.forget();
    // A new worker life: nothing cached in the Vault either.
    const fresh = new Vault(() => openVault(name), cache);
    expect(await fresh.isLocked()).toBe(true);
    await expect((await fresh.codes()).list()).rejects.toBeInstanceOf(VaultLockedError);
    await fresh.unlock('1234');
    expect(await fresh.isLocked()).toBe(false);
    expect((await (await fresh.codes()).list()).map((a) => a.issuer)).toEqual(['Example']);
  });

  it('reset erases everything and forgets what it cached', async () => {
    const { vault: v } = vault();
    const codes = await v.codes();
    await codes.add([account], 'ask');
    await v.setPin('1234');
    await v.reset();
    expect(await v.pinIsSet()).toBe(false);
    expect(await v.isLocked()).toBe(false);
    expect(await v.codes()).not.toBe(codes);
    expect(await (await v.codes()).list()).toEqual([]);
    // A new vault key is made on first use, and what is stored with it opens.
    await (await v.codes()).add([account], 'ask');
    expect((await (await v.codes()).list()).map((a) => a.accountName)).toEqual(['alice']);
  });

  it('a key fetched while a reset runs is never kept (defect 6: reset raced the key cache)', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const base = memoryCache();
    let hold = false;
    // The unlocked-key cache answers late while `hold` is set: the key fetch straddles the reset.
    const slow = {
      ...base,
      get: async () => {
        const value = await base.get();
        return hold ? held.then(() => value) : value;
      },
    };
    const name = `vault-test-${n++}`;
    const v = new Vault(() => openVault(name), slow);
    await (await v.codes()).add([account], 'ask');
    // With a PIN, the unlocked key waits in the session cache: that is what the held fetch returns.
    await v.setPin('1234');
    const before = await v.codes();
    // A new worker life: the key is fetched afresh, and that fetch is held.
    const racing = new Vault(() => openVault(name), slow);
    hold = true;
    const listing = (await racing.codes()).list().catch(() => []);
    await new Promise((r) => setTimeout(r, 10));
    await racing.reset();
    // The fetch that began before the reset ends after it, with the old key.
    release();
    await listing;
    hold = false;
    await (await racing.codes()).add([{ ...account, accountName: 'after reset' }], 'ask');
    // Another worker life must open what was stored after the reset.
    const later = new Vault(() => openVault(name), slow);
    expect((await (await later.codes()).list()).map((a) => a.accountName)).toEqual(['after reset']);
    expect(before).not.toBe(await racing.codes());
  });
});
