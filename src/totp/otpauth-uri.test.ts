import { describe, expect, it } from 'vitest';
import { decodeBase32 } from './base32.ts';
import { parseOtpauthUri, writeOtpauthUri } from './otpauth-uri.ts';
import { testAccount } from './testing/fixtures.ts';
import type { OtpAccount } from './types.ts';

const HELLO = decodeBase32('JBSWY3DPEHPK3PXP');

describe('parseOtpauthUri', () => {
  it('reads the Key Uri Format examples', () => {
    expect(
      parseOtpauthUri('otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example'),
    ).toEqual({
      kind: 'totp',
      issuer: 'Example',
      accountName: 'alice@google.com',
      secret: HELLO,
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
      extra: {},
    });
    const all = parseOtpauthUri(
      'otpauth://totp/ACME%20Co:john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ' +
        '&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30',
    );
    expect(all).toMatchObject({ issuer: 'ACME Co', accountName: 'john.doe@email.com', period: 30 });
  });

  it.each([
    // The label prefix is the issuer when there is no issuer parameter…
    ['Example:alice?secret=JBSWY3DPEHPK3PXP', 'Example', 'alice'],
    // …also with spaces after the colon, and with an encoded colon (%3A)…
    [
      'Big%20Corporation%3A%20alice%40bigco.com?secret=JBSWY3DPEHPK3PXP',
      'Big Corporation',
      'alice@bigco.com',
    ],
    ['Provider1:%20%20Alice%20Smith?secret=JBSWY3DPEHPK3PXP', 'Provider1', 'Alice Smith'],
    // …but the issuer parameter wins over a different prefix, keeping the account name…
    ['OldName:alice?secret=JBSWY3DPEHPK3PXP&issuer=NewName', 'NewName', 'alice'],
    // …and is taken when the label has no prefix.
    ['alice?secret=JBSWY3DPEHPK3PXP&issuer=Example', 'Example', 'alice'],
  ])('reads otpauth://totp/%s as issuer %s, account %s', (rest, issuer, accountName) => {
    expect(parseOtpauthUri(`otpauth://totp/${rest}`)).toMatchObject({ issuer, accountName });
  });

  it('reads + as a literal plus in the label but as a space in the query', () => {
    const account = parseOtpauthUri(
      'otpauth://totp/A+B:alice+tag@x.com?secret=JBSWY3DPEHPK3PXP&issuer=A+B%2BC',
    );
    expect(account.accountName).toBe('alice+tag@x.com');
    expect(account.issuer).toBe('A B+C');
  });

  it('tolerates a lowercase, padded, spaced secret', () => {
    expect(parseOtpauthUri('otpauth://totp/x?secret=jbsw%20y3dp%20ehpk%203pxp====').secret).toEqual(HELLO);
    expect(parseOtpauthUri('otpauth://totp/x?secret=jbsw+y3dp+ehpk+3pxp').secret).toEqual(HELLO);
  });

  it('accepts a missing label and type/parameter names in upper case', () => {
    expect(parseOtpauthUri('OTPAUTH://TOTP?SECRET=JBSWY3DPEHPK3PXP&Digits=8')).toMatchObject({
      accountName: '',
      issuer: '',
      digits: 8,
    });
  });

  it('reads algorithm, digits=7 and period', () => {
    const account = parseOtpauthUri(
      'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&algorithm=sha256&digits=7&period=60',
    );
    expect(account).toMatchObject({ algorithm: 'SHA256', digits: 7, period: 60 });
    expect(parseOtpauthUri('otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&algorithm=SHA512').algorithm).toBe(
      'SHA512',
    );
  });

  it('reads an hotp URI with its counter', () => {
    const account = parseOtpauthUri('otpauth://hotp/Example:bob?secret=JBSWY3DPEHPK3PXP&counter=42');
    expect(account).toMatchObject({ kind: 'hotp', counter: 42, issuer: 'Example', accountName: 'bob' });
  });

  it('reads Steam accounts in all three spellings', () => {
    const aegis = parseOtpauthUri(
      'otpauth://steam/Steam:gaben?secret=JBSWY3DPEHPK3PXP&issuer=Steam&digits=5',
    );
    expect(aegis).toMatchObject({
      kind: 'steam',
      issuer: 'Steam',
      accountName: 'gaben',
      digits: 5,
      extra: {},
    });
    const encoder = parseOtpauthUri('otpauth://totp/gaben?secret=JBSWY3DPEHPK3PXP&encoder=steam');
    expect(encoder).toMatchObject({
      kind: 'steam',
      issuer: 'Steam',
      accountName: 'gaben',
      digits: 5,
      extra: {},
    });
    const bare = parseOtpauthUri('steam://JBSWY3DPEHPK3PXP');
    expect(bare).toMatchObject({ kind: 'steam', issuer: 'Steam', accountName: '', secret: HELLO });
    const labelled = parseOtpauthUri('steam://gaben?secret=JBSWY3DPEHPK3PXP');
    expect(labelled).toMatchObject({ kind: 'steam', issuer: 'Steam', accountName: 'gaben' });
  });

  it('keeps unknown parameters', () => {
    const account = parseOtpauthUri(
      'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&image=https%3A%2F%2Fexample.com%2Flogo.png&Color=red',
    );
    expect(account.extra).toEqual({ image: 'https://example.com/logo.png', Color: 'red' });
  });

  it.each([
    ['otpauth://totp/x?issuer=Example', 'the URI has no secret parameter (secret=… in base32)'],
    ['otpauth://totp/x?secret=', 'the URI has no secret parameter (secret=… in base32)'],
    [
      'otpauth://totp/x?secret=JBSWY3DPEHPK3PX1',
      "secret contains '1', which is not a base32 character (A–Z, 2–7)",
    ],
    ['otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP', 'an hotp URI needs a counter parameter (counter=0 or more)'],
    ['otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&counter=-1', "counter is '-1'; expected a whole number"],
    [
      'https://example.com/totp/x?secret=JBSWY3DPEHPK3PXP',
      "the URI has the scheme 'https:'; expected 'otpauth://'",
    ],
    ['JBSWY3DPEHPK3PXP', "the URI has no scheme; expected 'otpauth://'"],
    ['otpauth:totp/x?secret=JBSWY3DPEHPK3PXP', "the URI must start with 'otpauth://'"],
    [
      'otpauth://motp/x?secret=JBSWY3DPEHPK3PXP',
      "the OTP type is 'motp'; expected 'totp' or 'hotp' (otpauth://totp/…)",
    ],
    [
      'otpauth:///x?secret=JBSWY3DPEHPK3PXP',
      "the OTP type is missing; expected 'totp' or 'hotp' (otpauth://totp/…)",
    ],
    [
      'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&algorithm=MD5',
      "algorithm is 'MD5'; expected SHA1, SHA256 or SHA512",
    ],
    ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=10', 'digits is 10; expected 6, 7 or 8'],
    ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=six', "digits is 'six'; expected a whole number"],
    [
      'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&period=0',
      'period is 0; expected a positive whole number of seconds',
    ],
    [
      'otpauth://totp/%E0%A4%A?secret=JBSWY3DPEHPK3PXP',
      "the label has a broken %-escape (a '%' must be followed by two hex digits)",
    ],
    [
      'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&issuer=%ZZ',
      "parameter 'issuer' has a broken %-escape (a '%' must be followed by two hex digits)",
    ],
    [
      'otpauth-migration://offline?data=AAAA',
      'this is a Google Authenticator export (otpauth-migration://); import it as such',
    ],
    [
      'otpauth://steam/x?secret=JBSWY3DPEHPK3PXP&algorithm=SHA256',
      'algorithm is SHA256; Steam Guard codes use SHA1 only',
    ],
  ])('rejects %s', (uri, message) => {
    expect(() => parseOtpauthUri(uri)).toThrow(new TypeError(message));
  });
});

describe('writeOtpauthUri', () => {
  const base = testAccount({
    issuer: 'ACME Co',
    accountName: 'john.doe@email.com',
    secret: decodeBase32('HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ'),
  });

  it('writes the canonical form', () => {
    expect(writeOtpauthUri(base)).toBe(
      'otpauth://totp/ACME%20Co:john.doe%40email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ' +
        '&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30',
    );
  });

  it('writes hotp with counter, steam as otpauth://steam, and extras last', () => {
    expect(writeOtpauthUri({ ...base, kind: 'hotp', counter: 7, issuer: '', accountName: 'bob' })).toBe(
      'otpauth://hotp/bob?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&algorithm=SHA1&digits=6&counter=7',
    );
    expect(
      writeOtpauthUri({ ...base, kind: 'steam', digits: 5, issuer: 'Steam', accountName: 'gaben' }),
    ).toBe(
      'otpauth://steam/Steam:gaben?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ' +
        '&issuer=Steam&algorithm=SHA1&digits=5&period=30',
    );
    expect(writeOtpauthUri({ ...base, extra: { image: 'https://x/y.png?a=1&b=2' } })).toMatch(
      /&period=30&image=https%3A%2F%2Fx%2Fy.png%3Fa%3D1%26b%3D2$/,
    );
  });

  const cases: [string, Partial<OtpAccount>][] = [
    ['plain', {}],
    ['unicode and reserved characters', { issuer: 'Ünïcode & Co + 100%', accountName: 'a b+c/d?e#f&g=h' }],
    ['a colon in the issuer', { issuer: 'Example: Inc', accountName: 'alice' }],
    ['a colon in the account name', { accountName: 'domain:user' }],
    ['a colon in the account name, no issuer', { issuer: '', accountName: 'domain:user' }],
    ['no issuer, no account', { issuer: '', accountName: '' }],
    ['sha512, 8 digits, 60 s', { algorithm: 'SHA512', digits: 8, period: 60 }],
    ['7 digits, 15 s', { algorithm: 'SHA256', digits: 7, period: 15 }],
    ['hotp', { kind: 'hotp', counter: 2 ** 40 }],
    ['steam', { kind: 'steam', digits: 5, issuer: 'Steam' }],
    ['extras', { extra: { image: 'https://example.com/a b.png', 'x-custom': 'ü+%' } }],
  ];

  it.each(cases)('round-trips %s', (_name, change) => {
    const account = { ...base, ...change };
    expect(parseOtpauthUri(writeOtpauthUri(account))).toEqual(account);
  });

  it('round-trips random secrets', () => {
    for (let length = 1; length <= 64; length++) {
      const account = { ...base, secret: crypto.getRandomValues(new Uint8Array(length)) };
      expect(parseOtpauthUri(writeOtpauthUri(account)).secret).toEqual(account.secret);
    }
  });
});
