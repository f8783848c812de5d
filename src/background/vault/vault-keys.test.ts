/**
 * The Vault's key changes (issue 13): lock, a PIN rotated (everything re-sealed under a new key that
 * the old PIN no longer opens), the PIN removed, and a reset that works even when the vault is locked.
 * Each "worker life" is a new Vault over the same database, as after a service-worker restart.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { credentialKeyAad, otpSecretAad } from '../../storage/aad.ts';
import { openVault } from '../../storage/open-vault.ts';
import { importVaultKey, unseal } from '../../storage/seal.ts';
import { memoryCache, sampleAccount, sampleCredential } from '../../storage/testing/fixtures.ts';
import { PinError, VaultLockedError } from '../../storage/vault-key.ts';
import { Vault } from './vault.ts';

// Every PIN costs a 600,000-iteration PBKDF2 (about a second on a busy machine); some tests use five.
vi.setConfig({ testTimeout: 30_000 });

let n = 0;
/** A vault with one passkey and one code account, and the way to start another life over it. */
async function filledVault() {
  const name = `vault-keys-${n++}`;
  const cache = memoryCache();
  const life = () => new Vault(() => openVault(name), cache);
  const vault = life();
  await (await vault.credentials()).add(sampleCredential(1));
  await (await vault.codes()).add([sampleAccount('Example', 'alice')], 'ask');
  return { vault, cache, life, name };
}

/** Whether `raw` opens every sealed field in the database (the passkey's key, the code's secret). */
async function opensEverything(vault: Vault, raw: Uint8Array): Promise<boolean> {
  const db = await vault.db();
  const key = await importVaultKey(raw);
  const [credentials, accounts] = await Promise.all([db.getAll('credentials'), db.getAll('otpAccounts')]);
  const sealed = [
    ...credentials.map((r) => unseal(key, r.privateKey, credentialKeyAad(r))),
    ...accounts.map((r) => unseal(key, r.secret, otpSecretAad(r))),
  ];
  expect(sealed).toHaveLength(2);
  const opened = await Promise.allSettled(sealed);
  if (opened.every((o) => o.status === 'fulfilled')) return true;
  expect(opened.every((o) => o.status === 'rejected')).toBe(true);
  return false;
}

const secretsOf = async (vault: Vault) => (await (await vault.codes()).list()).map((a) => a.accountName);

describe('Vault: lock', () => {
  it('forgets the unlocked key and what was opened with it; the PIN opens it again', async () => {
    const { vault, cache } = await filledVault();
    await vault.setPin('1234');
    const codes = await vault.codes();
    expect(await vault.isLocked()).toBe(false);
    await vault.lock();
    expect(cache.value).toBeUndefined();
    expect(await vault.isLocked()).toBe(true);
    expect(await vault.codes()).not.toBe(codes);
    await expect((await vault.codes()).list()).rejects.toBeInstanceOf(VaultLockedError);
    await expect((await vault.credentials()).listAll()).resolves.toHaveLength(1);
    await vault.unlock('1234');
    expect(await secretsOf(vault)).toEqual(['alice']);
  });

  it('without a PIN there is nothing to lock: the vault stays open', async () => {
    const { vault, cache } = await filledVault();
    await vault.codes();
    const raw = cache.value;
    await vault.lock();
    expect(await vault.isLocked()).toBe(false);
    expect(cache.value).toBe(raw);
    expect(await secretsOf(vault)).toEqual(['alice']);
  });
});

describe('Vault: the PIN rotated', () => {
  it('re-seals everything under a new key; the old key and the old PIN open nothing', async () => {
    const { vault, cache, life } = await filledVault();
    await vault.setPin('1234');
    const before = cache.value!;
    expect(await opensEverything(vault, before)).toBe(true);
    await vault.setPin('5678', '1234');
    const after = cache.value!;
    expect(after).not.toEqual(before);
    // A copy of the old unlocked key (a profile copied before the change) opens nothing now.
    expect(await opensEverything(vault, before)).toBe(false);
    expect(await opensEverything(vault, after)).toBe(true);
    // The next life, after the browser forgot the unlocked key: the old PIN is wrong, the new one opens.
    cache.value = undefined;
    const next = life();
    expect(await next.isLocked()).toBe(true);
    await expect(next.unlock('1234')).rejects.toMatchObject({ reason: 'wrong' });
    await next.unlock('5678');
    expect(await secretsOf(next)).toEqual(['alice']);
    expect(await opensEverything(next, cache.value!)).toBe(true);
  });

  it('a wrong current PIN changes nothing', async () => {
    const { vault, cache } = await filledVault();
    await vault.setPin('1234');
    const before = cache.value!;
    await expect(vault.setPin('5678', '0000')).rejects.toBeInstanceOf(PinError);
    expect(cache.value).toEqual(before);
    expect(await opensEverything(vault, before)).toBe(true);
    cache.value = undefined;
    await expect(vault.unlock('5678')).rejects.toMatchObject({ reason: 'wrong' });
  });
});

describe('Vault: the PIN removed', () => {
  it('needs the current PIN; then a new unwrapped key opens everything and no PIN is asked', async () => {
    const { vault, cache, life } = await filledVault();
    await vault.setPin('1234');
    const before = cache.value!;
    await expect(vault.removePin('0000')).rejects.toMatchObject({ reason: 'wrong' });
    expect(await vault.pinIsSet()).toBe(true);
    await vault.removePin('1234');
    expect(await vault.pinIsSet()).toBe(false);
    expect(await opensEverything(vault, before)).toBe(false);
    cache.value = undefined;
    const next = life();
    expect(await next.isLocked()).toBe(false);
    expect(await secretsOf(next)).toEqual(['alice']);
    await expect(next.unlock('1234')).rejects.toMatchObject({ reason: 'not-set' });
  });
});

describe('Vault: reset', () => {
  it('works while locked (the only way out of a forgotten PIN) and leaves an open, empty vault', async () => {
    const { vault, cache, life } = await filledVault();
    await vault.setPin('1234');
    cache.value = undefined;
    const locked = life();
    expect(await locked.isLocked()).toBe(true);
    await locked.reset();
    expect(await locked.isLocked()).toBe(false);
    expect(await locked.pinIsSet()).toBe(false);
    expect(await locked.pinRetries()).toBe(8);
    expect(await (await locked.credentials()).listAll()).toEqual([]);
    expect(await secretsOf(locked)).toEqual([]);
    await expect(locked.unlock('1234')).rejects.toMatchObject({ reason: 'not-set' });
  });
});
