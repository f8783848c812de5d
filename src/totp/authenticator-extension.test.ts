import { describe, expect, it } from 'vitest';
import {
  AUTHENTICATOR_EXTENSION_ENCRYPTED_MESSAGE,
  importAuthenticatorExtensionJson,
} from './authenticator-extension.ts';
import { encodeBase32 } from './base32.ts';
import { accountRows, expectedRows, readFixture } from './testing/fixtures.ts';

const fixture = readFixture('authenticator-extension.json');

describe('Authenticator extension backup', () => {
  it('imports the fixture in index order, reporting encrypted and GOST entries', () => {
    const { accounts, issues } = importAuthenticatorExtensionJson(fixture);
    expect(accountRows(accounts)).toEqual(expectedRows('authenticator-extension.json'));
    expect(new TextDecoder().decode(accounts[5]!.secret)).toBe('12345678901234567890');
    expect(issues).toEqual([
      { where: 'entry 7 (Locked: frank)', message: AUTHENTICATOR_EXTENSION_ENCRYPTED_MESSAGE },
      { where: 'entry 8', message: AUTHENTICATOR_EXTENSION_ENCRYPTED_MESSAGE },
      { where: 'entry 9 (Russia: gost)', message: 'GOST algorithms are not supported' },
    ]);
  });

  it('round-trips through an extension-shaped file', () => {
    const { accounts } = importAuthenticatorExtensionJson(fixture);
    const rebuilt = Object.fromEntries(
      accounts.map((a, index) => [
        `h${index}`,
        {
          account: a.accountName,
          issuer: a.issuer,
          secret: encodeBase32(a.secret),
          type: a.kind,
          encrypted: false,
          hash: `h${index}`,
          index,
          period: a.period,
          digits: a.digits,
          algorithm: a.algorithm,
          counter: a.counter,
        },
      ]),
    );
    expect(importAuthenticatorExtensionJson(JSON.stringify(rebuilt))).toEqual({ accounts, issues: [] });
  });

  it('accepts the numeric algorithm enum and hhex', () => {
    const text = JSON.stringify({
      a: { secret: '3132333435363738393031323334353637383930', type: 'hhex', counter: 3, algorithm: 2 },
      b: { secret: 'JBSWY3DPEHPK3PXP', algorithm: '3' },
    });
    const { accounts } = importAuthenticatorExtensionJson(text);
    expect(accounts.map((a) => [a.kind, a.algorithm, a.counter])).toEqual([
      ['hotp', 'SHA256', 3],
      ['totp', 'SHA512', 0],
    ]);
  });

  it.each([
    ['[1]', 'this file is not an Authenticator extension backup (not a JSON object)'],
    ['{', 'this Authenticator extension backup is not valid JSON'],
  ])('rejects %s', (text, message) => {
    expect(() => importAuthenticatorExtensionJson(text)).toThrow(new TypeError(message));
  });

  it.each([
    [
      { secret: 'JBSWY3DPEHPK3PXP', type: 'hex' },
      'secret of a hex entry contains a character that is not hex',
    ],
    [{ secret: 'JBSWY3DPEHPK3PXP', type: 'totp', digits: 11 }, 'digits is 11; expected 6, 7 or 8'],
    [
      { secret: 'JBSWY3DPEHPK3PXP', type: 'yubi' },
      "type 'yubi' is not supported (Tapkey knows totp, hotp, steam, battle, hex and hhex)",
    ],
    [{ type: 'totp' }, 'secret is missing'],
    [
      { secret: 'JBSWY3DPEHPK3PXP', type: 'steam', algorithm: 'SHA256' },
      'algorithm is SHA256; Steam Guard codes use SHA1 only',
    ],
  ])('reports a bad entry: %j', (entry, message) => {
    const result = importAuthenticatorExtensionJson(JSON.stringify({ x: entry }));
    expect(result.accounts).toEqual([]);
    expect(result.issues[0]?.message).toBe(message);
  });
});
