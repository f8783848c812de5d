import { describe, expect, it } from 'vitest';
import { AEGIS_ENCRYPTED_MESSAGE } from './aegis.ts';
import { importBackup } from './import-backup.ts';
import { readFixture } from './testing/fixtures.ts';
import { TWOFAS_ENCRYPTED_MESSAGE } from './twofas.ts';

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

  it('passes on the encrypted-backup refusals', () => {
    expect(() => importBackup(readFixture('aegis-encrypted.json'))).toThrow(AEGIS_ENCRYPTED_MESSAGE);
    expect(() => importBackup(readFixture('twofas-encrypted.2fas'))).toThrow(TWOFAS_ENCRYPTED_MESSAGE);
  });

  it('rejects JSON it does not know', () => {
    expect(() => importBackup('{"hello": "world"}')).toThrow(
      'this JSON file is not a backup format Tapkey knows ' +
        '(Aegis, 2FAS or Authenticator extension, unencrypted)',
    );
    expect(() => importBackup('{"hello": ')).toThrow('this backup file is not valid JSON');
  });
});
