import { describe, expect, it } from 'vitest';
import { thrownBy } from '../shared/testing/thrown.ts';
import { AEGIS_ENCRYPTED_MESSAGE, importAegisJson } from './aegis.ts';
import {
  importBackup,
  importBackupWithPassword,
  PasswordRequiredError,
  WrongPasswordError,
} from './import-backup.ts';
import { readFixture } from './testing/fixtures.ts';
import { importTwoFasJson, TWOFAS_ENCRYPTED_MESSAGE } from './twofas.ts';

describe('importBackup', () => {
  it.each([
    ['uri-list.txt', 'uri-list', 5],
    ['aegis-plain.json', 'aegis', 5],
    ['twofas-plain.2fas', '2fas', 4],
    ['authenticator-extension.json', 'authenticator-extension', 6],
  ])('recognises %s', (file, format, count) => {
    const result = importBackup(readFixture(file));
    expect(result.format).toBe(format);
    expect(result.accounts).toHaveLength(count);
  });

  it('strips a byte-order mark', () => {
    expect(importBackup(`\uFEFF${readFixture('aegis-plain.json')}`).format).toBe('aegis');
  });

  it.each([
    ['aegis-encrypted.json', 'aegis', AEGIS_ENCRYPTED_MESSAGE],
    ['twofas-encrypted.2fas', '2fas', TWOFAS_ENCRYPTED_MESSAGE],
  ])('asks for the password of %s', (file, format, message) => {
    const thrown = thrownBy(() => importBackup(readFixture(file)));
    expect(thrown).toBeInstanceOf(PasswordRequiredError);
    expect(thrown).toBeInstanceOf(TypeError);
    expect(thrown).toMatchObject({ name: 'PasswordRequiredError', format, message });
  });

  it('rejects JSON it does not know', () => {
    expect(() => importBackup('{"hello": "world"}')).toThrow(
      new TypeError(
        'this JSON file is not a backup format Tapkey knows (Aegis, 2FAS or Authenticator extension)',
      ),
    );
    expect(() => importBackup('{"hello": ')).toThrow('this backup file is not valid JSON');
  });
});

describe('importBackupWithPassword', { timeout: 30_000 }, () => {
  it('opens an encrypted Aegis vault and an encrypted 2FAS backup', async () => {
    const aegis = await importBackupWithPassword(readFixture('aegis-encrypted.json'), 'tapkey-test');
    expect(aegis).toEqual({ format: 'aegis', ...importAegisJson(readFixture('aegis-plain.json')) });
    const twoFas = await importBackupWithPassword(
      `\uFEFF${readFixture('twofas-encrypted.2fas')}`,
      'tapkey-test',
    );
    expect(twoFas).toEqual({ format: '2fas', ...importTwoFasJson(readFixture('twofas-plain.2fas')) });
  });

  it('passes on a wrong password with the format', async () => {
    await expect(
      importBackupWithPassword(readFixture('twofas-encrypted.2fas'), 'wrong'),
    ).rejects.toMatchObject({ name: 'WrongPasswordError', format: '2fas' });
    await expect(
      importBackupWithPassword(readFixture('aegis-encrypted.json'), 'wrong'),
    ).rejects.toBeInstanceOf(WrongPasswordError);
  });

  it('imports files that need no password as importBackup does', async () => {
    for (const file of [
      'uri-list.txt',
      'aegis-plain.json',
      'twofas-plain.2fas',
      'authenticator-extension.json',
    ]) {
      const text = readFixture(file);
      expect(await importBackupWithPassword(text, 'unused')).toEqual(importBackup(text));
    }
  });

  it('refuses a file that was cut off', async () => {
    for (const file of ['aegis-encrypted.json', 'twofas-encrypted.2fas']) {
      const text = readFixture(file);
      await expect(importBackupWithPassword(text.slice(0, text.length / 2), 'tapkey-test')).rejects.toThrow(
        new TypeError('this backup file is not valid JSON'),
      );
    }
  });
});
