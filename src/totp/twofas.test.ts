import { describe, expect, it } from 'vitest';
import { decodeBase32, encodeBase32 } from './base32.ts';
import { PasswordRequiredError } from './import-backup-errors.ts';
import { accountRows, expectedRows, readFixture } from './testing/fixtures.ts';
import { importTwoFasJson, TWOFAS_ENCRYPTED_MESSAGE } from './twofas.ts';

describe('2FAS backup', () => {
  it('imports the fixture, reporting the bad services', () => {
    const { accounts, issues } = importTwoFasJson(readFixture('twofas-plain.2fas'));
    expect(accountRows(accounts)).toEqual(expectedRows('twofas-plain.2fas'));
    expect(accounts[1]!.secret).toEqual(decodeBase32('HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ'));
    expect(issues).toEqual([
      {
        where: 'service 5 (Weird)',
        message: "tokenType 'YAOTP' is not supported (Tapkey knows TOTP, HOTP and STEAM)",
      },
      { where: 'service 6 (NoSecret)', message: 'secret is missing' },
    ]);
  });

  it('round-trips through a 2FAS-shaped file', () => {
    const { accounts } = importTwoFasJson(readFixture('twofas-plain.2fas'));
    // Tapkey does not write .2fas files; rebuild one from the accounts to check nothing is lost.
    const services = accounts.map((a) => ({
      name: a.issuer,
      secret: encodeBase32(a.secret),
      otp: {
        account: a.accountName,
        digits: a.digits,
        period: a.period,
        algorithm: a.algorithm,
        tokenType: a.kind.toUpperCase(),
        counter: a.counter,
      },
    }));
    expect(importTwoFasJson(JSON.stringify({ services, schemaVersion: 4 }))).toEqual({
      accounts,
      issues: [],
    });
  });

  it('asks for the password of an encrypted backup', () => {
    const read = () => importTwoFasJson(readFixture('twofas-encrypted.2fas'));
    expect(read).toThrow(PasswordRequiredError);
    expect(read).toThrow(TypeError);
    expect(read).toThrow(TWOFAS_ENCRYPTED_MESSAGE);
    expect(TWOFAS_ENCRYPTED_MESSAGE).toBe(
      'this 2FAS backup is encrypted with a password; enter that password to import it',
    );
    // An empty servicesEncrypted is a plain backup.
    expect(importTwoFasJson('{"services":[],"servicesEncrypted":""}')).toEqual({ accounts: [], issues: [] });
  });

  it.each([
    ['nope', 'this 2FAS backup is not valid JSON'],
    ['{"schemaVersion":4}', 'this file is not a 2FAS backup (it has no services)'],
    ['{"services":{}}', 'this 2FAS backup has no list of services'],
  ])('rejects %s', (text, message) => {
    expect(() => importTwoFasJson(text)).toThrow(new TypeError(message));
  });

  it.each([
    ['x', 'the service is a text; expected an object'],
    [{ name: 'A', secret: 'JBSWY3DPEHPK3PXP', otp: { digits: 4 } }, 'digits is 4; expected 6, 7 or 8'],
    [
      { name: 'A', secret: 'JBSWY3DPEHPK3PX1' },
      "secret contains '1', which is not a base32 character (A–Z, 2–7)",
    ],
    [
      { name: 'A', secret: 'JBSWY3DPEHPK3PXP', otp: { algorithm: 'SHA224' } },
      "algorithm is 'SHA224'; expected SHA1, SHA256 or SHA512",
    ],
    [{ name: 3, secret: 'JBSWY3DPEHPK3PXP' }, 'name is a number; expected text'],
  ])('reports a bad service: %j', (service, message) => {
    const result = importTwoFasJson(JSON.stringify({ services: [service] }));
    expect(result.accounts).toEqual([]);
    expect(result.issues[0]?.message).toBe(message);
  });
});
