import { describe, expect, it } from 'vitest';
import { decodeBase32 } from './base32.ts';
import { encodeGoogleMigration } from './google-migration.ts';
import { readFixture, testAccount } from './testing/fixtures.ts';
import { exportUriList, importUriList } from './uri-list.ts';

const fixture = readFixture('uri-list.txt');

describe('URI list', () => {
  it('imports the good lines of the fixture and reports the bad ones by line number', () => {
    const { accounts, issues } = importUriList(fixture);
    expect(accounts.map((a) => [a.kind, a.issuer, a.accountName])).toEqual([
      ['totp', 'Example', 'alice@google.com'],
      ['totp', 'ACME Co', 'john.doe@email.com'],
      ['hotp', 'Issuu', 'James'],
      ['steam', 'Steam', 'Sophia'],
      ['totp', 'SPDX', 'James'],
    ]);
    expect(accounts[4]).toMatchObject({ algorithm: 'SHA256', digits: 7, period: 20 });
    expect(issues).toEqual([
      { where: 'line 6', message: 'the URI has no secret parameter (secret=… in base32)' },
      { where: 'line 8', message: "the URI has no scheme; expected 'otpauth://'" },
    ]);
  });

  it('accepts CRLF and CR line ends and an empty file', () => {
    const text = 'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP\r\notpauth://totp/b?secret=JBSWY3DPEHPK3PXP\rx';
    const { accounts, issues } = importUriList(text);
    expect(accounts.map((a) => a.accountName)).toEqual(['a', 'b']);
    expect(issues.map((i) => i.where)).toEqual(['line 3']);
    expect(importUriList('')).toEqual({ accounts: [], issues: [] });
  });

  it('expands Google Authenticator export lines', () => {
    const account = testAccount({ issuer: 'G', accountName: 'g', secret: decodeBase32('JBSWY3DPEHPK3PXP') });
    const { uris } = encodeGoogleMigration([account, { ...account, accountName: 'h' }], { batchId: 1 });
    const { accounts, issues } = importUriList(`\n${uris[0]}\notpauth-migration://offline?data=!!\n`);
    expect(accounts.map((a) => a.accountName)).toEqual(['g', 'h']);
    expect(issues).toEqual([{ where: 'line 3', message: "the export URI's data is not base64" }]);
  });

  it('round-trips through export', () => {
    const { accounts } = importUriList(fixture);
    const text = exportUriList(accounts);
    expect(text.split('\n')).toHaveLength(accounts.length + 1);
    expect(importUriList(text)).toEqual({ accounts, issues: [] });
  });
});
