import { describe, expect, it } from 'vitest';
import { AEGIS_ENCRYPTED_MESSAGE, exportAegisJson, importAegisJson } from './aegis.ts';
import { decodeBase32 } from './base32.ts';
import { PasswordRequiredError } from './import-backup-errors.ts';
import { accountRows, expectedRows, readFixture } from './testing/fixtures.ts';

describe('Aegis plain vault', () => {
  it('imports the fixture, reporting the unsupported and the broken entry', () => {
    const { accounts, issues } = importAegisJson(readFixture('aegis-plain.json'));
    expect(accountRows(accounts)).toEqual(expectedRows('aegis-plain.json'));
    expect(accounts[0]!.secret).toEqual(decodeBase32('4SJHB4GSD43FZBAI7C2HLRJGPQ'));
    expect(issues).toEqual([
      {
        where: 'entry 6 (Yandex: Ava)',
        message: "type 'yandex' is not supported (Tapkey knows totp, hotp and steam)",
      },
      {
        where: 'entry 7 (Broken: Liam)',
        message: "info.secret contains '1', which is not a base32 character (A–Z, 2–7)",
      },
    ]);
  });

  it('round-trips through export', () => {
    const { accounts } = importAegisJson(readFixture('aegis-plain.json'));
    let n = 0;
    const json = exportAegisJson(accounts, { uuid: () => `00000000-0000-4000-8000-00000000000${n++}` });
    const vault = JSON.parse(json);
    expect(vault.header).toEqual({ slots: null, params: null });
    expect(vault.db.entries[3]).toEqual({
      type: 'hotp',
      uuid: '00000000-0000-4000-8000-000000000003',
      name: 'Mason',
      issuer: 'WWE',
      note: '',
      favorite: false,
      icon: null,
      info: { secret: '5VAML3X35THCEBVRLV24CGBKOY', algo: 'SHA512', digits: 8, counter: 10300 },
    });
    expect(importAegisJson(json)).toEqual({ accounts, issues: [] });
    expect(JSON.parse(exportAegisJson(accounts)).db.entries[0].uuid).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('asks for the password of an encrypted vault', () => {
    const read = () => importAegisJson(readFixture('aegis-encrypted.json'));
    expect(read).toThrow(PasswordRequiredError);
    expect(read).toThrow(TypeError);
    expect(read).toThrow(AEGIS_ENCRYPTED_MESSAGE);
    expect(AEGIS_ENCRYPTED_MESSAGE).toBe(
      'this Aegis backup is encrypted with a password; enter that password to import it',
    );
    // Any non-null slots or a text db mark an encrypted vault (docs/vault.md), even if malformed.
    const slotsOnly = { version: 1, header: { slots: [], params: null }, db: { version: 1, entries: [] } };
    expect(() => importAegisJson(JSON.stringify(slotsOnly))).toThrow(PasswordRequiredError);
    const textDb = { version: 1, header: { slots: null, params: null }, db: 'AAAA' };
    expect(() => importAegisJson(JSON.stringify(textDb))).toThrow(PasswordRequiredError);
  });

  it.each([
    ['{not json', 'this Aegis backup is not valid JSON'],
    ['[]', 'this file is not an Aegis vault (it has no header and db)'],
    [
      '{"version":1,"header":{"slots":null,"params":null},"db":{"version":1}}',
      'this Aegis vault has no list of entries (db.entries)',
    ],
  ])('rejects %s', (text, message) => {
    expect(() => importAegisJson(text)).toThrow(new TypeError(message));
  });

  it.each([
    [7, 'the entry is a number; expected an object'],
    [{ type: 'totp', name: 'n' }, 'the entry has no info object'],
    [{ type: 'totp', info: { algo: 'SHA1' } }, 'info.secret is missing'],
    [{ type: 'totp', info: { secret: 'JBSWY3DPEHPK3PXP', digits: 12 } }, 'digits is 12; expected 6, 7 or 8'],
    [
      { type: 'totp', info: { secret: 'JBSWY3DPEHPK3PXP', digits: 'many' } },
      "digits is 'many'; expected a whole number",
    ],
    [
      { type: 'totp', info: { secret: 'JBSWY3DPEHPK3PXP', algo: 'MD5' } },
      "algorithm is 'MD5'; expected SHA1, SHA256 or SHA512",
    ],
    [
      { type: 'totp', info: { secret: 'JBSWY3DPEHPK3PXP', period: 0 } },
      'period is 0; expected a positive whole number of seconds',
    ],
    [{ type: 'motp', info: {} }, "type 'motp' is not supported (Tapkey knows totp, hotp and steam)"],
  ])('reports a bad entry: %j', (entry, message) => {
    const text = JSON.stringify({
      version: 1,
      header: { slots: null, params: null },
      db: { version: 1, entries: [entry] },
    });
    const result = importAegisJson(text);
    expect(result.accounts).toEqual([]);
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]!.message).toBe(message);
  });
});
