import { generateKeyPairSync } from 'node:crypto';
import { p256 } from '@noble/curves/nist.js';
import { describe, expect, it } from 'vitest';
import { fromBase64url, fromHex, toHex, utf8 } from '../../shared/bytes.ts';
import { decodeBase32 } from '../../totp/base32.ts';
import { importCxf } from './import-cxf.ts';
import { readCxfFixture } from './testing/fixtures.ts';

/** A CXF header around `items`, in one account. */
function document(items: unknown[]): string {
  return JSON.stringify({
    version: { major: 1, minor: 0 },
    exporterRpId: 'exporter.example',
    exporterDisplayName: 'Exporter',
    timestamp: 1_705_228_800,
    accounts: [{ id: 'YWNj', username: '', email: '', collections: [], items }],
  });
}

const GOOD_PASSKEY = {
  type: 'passkey',
  credentialId: 'AAECAwQFBgcICQ',
  rpId: 'example.com',
  username: 'alice',
  userDisplayName: 'Alice',
  userHandle: 'dXNlcg',
  key: 'MC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp-K06_nwoy_HU--CXqI9EdVhC',
};

const GOOD_TOTP = { type: 'totp', secret: 'JBSWY3DPEHPK3PXP', period: 30, digits: 6, algorithm: 'sha1' };

describe('importCxf: the specification’s example (CXF 1.0 PS Appendix A)', () => {
  const result = importCxf(readCxfFixture('appendix-a-excerpt.json'));

  it('says who exported it (§3.1)', () => {
    expect(result.exporter).toEqual({
      rpId: 'exporter.example.com',
      displayName: 'Exporter app',
      timestamp: 1_705_228_800,
    });
  });

  it('imports its passkey with the counter at 0 (§3.3.12)', () => {
    expect(result.passkeys).toEqual([
      {
        credentialId: utf8('credentialIdExample'),
        rpId: 'webauthn.io',
        rpName: 'WebAuthn.io',
        userName: 'johndoe',
        userDisplayName: 'John Doe',
        userHandle: fromBase64url('cnEzaNHWcYK3coWZjvoaV1Hj9gnI12mKe2dL2HZVFlY'),
        alg: -7,
        privateKey: fromHex('011bbfd2c0addb4129815c5be0fbaadc66b95552e9b9363be6782f665caadd7e'),
        signCount: 0,
        createdAt: 1_705_142_400_000,
      },
    ]);
    // The public key the RP registered is the one embedded in the example's PKCS#8.
    expect(toHex(p256.getPublicKey(result.passkeys[0]!.privateKey, false))).toBe(
      '04a6764d712ec2b4a0e961c483e9d1dd59b92d2c4fd9dfe8166d49e961aaf2c15b47ce2f7de5fdb5e0b2bfd24d41e308b9fc97a81c449c1eece42f6d0b9b675758',
    );
  });

  it('imports its TOTP credential (§3.3.16)', () => {
    expect(result.accounts).toEqual([
      {
        kind: 'totp',
        issuer: 'Google',
        accountName: 'jane.smith@example.com',
        secret: decodeBase32('JBSWY3DPEHPK3PXP'),
        algorithm: 'SHA256',
        digits: 6,
        period: 30,
        counter: 0,
        extra: {},
      },
    ]);
  });

  it('says what it left behind, including the example’s non-CDDL hmacSecret', () => {
    expect(result.issues).toEqual([
      {
        where: 'item 1 (GitHub Login), credential 1 (basic-auth)',
        message: 'not imported: Tapkey keeps passkeys and authenticator codes (totp) only',
      },
      {
        where: 'item 2 (WebAuthn.io), credential 1 (passkey)',
        message: 'imported without fido2Extensions.hmacSecret, which CXF 1.0 does not define',
      },
      {
        where: 'item 3 (Home alarm), credential 1 (note)',
        message: 'not imported: Tapkey keeps passkeys and authenticator codes (totp) only',
      },
    ]);
  });
});

describe('importCxf: one bad credential never fails the import', () => {
  it('reports each malformed credential and imports the good ones', () => {
    const result = importCxf(
      document([
        { id: 'aXRlbTE', title: 'Good', credentials: [GOOD_PASSKEY, GOOD_TOTP] },
        {
          id: 'aXRlbTI',
          title: 'Broken',
          credentials: [
            { ...GOOD_PASSKEY, key: 'not base64url!' },
            { ...GOOD_PASSKEY, userHandle: undefined },
            { ...GOOD_PASSKEY, rpId: 42 },
            { ...GOOD_TOTP, secret: 'JBSWY3DPEHPK3PX1' },
            { ...GOOD_TOTP, algorithm: 'SHA1' },
            { ...GOOD_TOTP, digits: 70_000 },
            { ...GOOD_TOTP, period: 0 },
            'passkey',
            { rpId: 'example.com' },
          ],
        },
        'not an item',
        { id: 'aXRlbTQ', title: 'No list' },
      ]),
    );
    expect(result.passkeys.map((p) => p.rpId)).toEqual(['example.com']);
    expect(result.accounts.map((a) => a.issuer)).toEqual(['Good']);
    expect(result.issues).toEqual([
      { where: 'item 2 (Broken), credential 1 (passkey)', message: 'key is not base64url' },
      { where: 'item 2 (Broken), credential 2 (passkey)', message: 'userHandle is missing' },
      { where: 'item 2 (Broken), credential 3 (passkey)', message: 'rpId is a number; expected text' },
      { where: 'item 2 (Broken), credential 4 (totp)', message: 'secret is not base32 (RFC 4648 §6)' },
      {
        where: 'item 2 (Broken), credential 5 (totp)',
        message:
          "algorithm is 'SHA1'; CXF 1.0 defines sha1, sha256 and sha512, and §3.3.16 says to ignore a TOTP " +
          'credential with any other',
      },
      {
        where: 'item 2 (Broken), credential 6 (totp)',
        message: 'digits is 70000; expected a whole number from 0 to 65535',
      },
      {
        where: 'item 2 (Broken), credential 7 (totp)',
        message: 'period is 0; expected a positive whole number of seconds',
      },
      { where: 'item 2 (Broken), credential 8', message: 'it is a text, not an object' },
      { where: 'item 2 (Broken), credential 9', message: 'type is missing' },
      { where: 'item 3', message: 'it is a text, not an object' },
      { where: 'item 4 (No list)', message: 'it has no list of credentials' },
    ]);
    expect(JSON.stringify(result.issues)).not.toContain('JBSWY3DP');
  });

  it('refuses keys Tapkey cannot use, naming them', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 })
      .privateKey.export({ format: 'der', type: 'pkcs8' })
      .toString('base64url');
    const result = importCxf(
      document([{ id: 'aQ', title: 'RSA', credentials: [{ ...GOOD_PASSKEY, key: rsa }] }]),
    );
    expect(result.passkeys).toEqual([]);
    expect(result.issues).toEqual([
      {
        where: 'item 1 (RSA), credential 1 (passkey)',
        message: 'key is an RSA key; Tapkey holds ES256 (P-256) and EdDSA (Ed25519) passkeys only',
      },
    ]);
  });

  /** A document of one item holding the good passkey with these `fido2Extensions`. */
  const withExtensions = (fido2Extensions: Record<string, unknown>) =>
    importCxf(document([{ id: 'aQ', title: 'PRF', credentials: [{ ...GOOD_PASSKEY, fido2Extensions }] }]));

  it('keeps a passkey whose extension state it cannot use, and says what it dropped (§3.3.12.3)', () => {
    const result = withExtensions({
      hmacCredentials: { algorithm: 'hmac-sha512', credWithUV: 'AA', credWithoutUV: 'AQ' },
      credBlob: 'AQID',
      largeBlob: { uncompressedSize: -1, data: 'AA' },
      payments: 'yes',
    });
    expect(result.passkeys).toHaveLength(1);
    expect(result.passkeys[0]!.prfSecrets).toBeUndefined();
    expect(result.passkeys[0]!.credBlob).toEqual(Uint8Array.of(1, 2, 3));
    expect(result.issues.map((i) => i.message)).toEqual([
      "imported without its PRF (hmac-secret) secrets: hmacCredentials.algorithm is 'hmac-sha512'; CXF 1.0 " +
        "defines only 'hmac-sha256'",
      'imported without its largeBlob: uncompressedSize is -1; expected a whole number from 0 to 9007199254740991',
      'imported without its payments flag: payments is a text; expected true or false',
    ]);
  });

  it('imports PRF secrets as they are (§3.3.12.3)', () => {
    const result = withExtensions({
      hmacCredentials: {
        algorithm: 'hmac-sha256',
        credWithUV: 'qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqo',
        credWithoutUV: 'u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7u7s',
      },
    });
    expect(result.issues).toEqual([]);
    expect(result.passkeys[0]!.prfSecrets).toEqual({
      withUv: new Uint8Array(32).fill(0xaa),
      withoutUv: new Uint8Array(32).fill(0xbb),
    });
  });

  it('names accounts when there are several, and reports a broken one', () => {
    const header = JSON.parse(document([{ id: 'aQ', title: 'T', credentials: [GOOD_TOTP] }]));
    header.accounts.push('nope', { id: 'Yg', username: '', email: '', collections: [] });
    const result = importCxf(header);
    expect(result.accounts).toHaveLength(1);
    expect(result.issues).toEqual([
      { where: 'account 2', message: 'it is a text, not an object' },
      { where: 'account 3', message: 'it has no list of items' },
    ]);
  });
});

describe('importCxf: documents it cannot read at all', () => {
  it('throws a TypeError that does not quote the file', () => {
    expect(() => importCxf('{"secret": "JBSWY3DP"')).toThrow(
      new TypeError('this CXF file is not valid JSON'),
    );
    expect(() => importCxf('[]')).toThrow('this is not a CXF document (it is a list, not an object)');
    expect(() => importCxf('{"accounts": []}')).toThrow(
      'this is not a CXF document (it has no version.major)',
    );
    expect(() => importCxf({ version: { major: 1, minor: 0 } })).toThrow(
      'this CXF document has no list of accounts',
    );
  });

  it('refuses another major version, and reads a later minor one (§3.1.1)', () => {
    expect(() => importCxf({ version: { major: 2, minor: 0 }, accounts: [] })).toThrow(
      'this CXF document is version 2.0; Tapkey reads version 1',
    );
    const later = JSON.parse(document([{ id: 'aQ', title: 'T', credentials: [GOOD_TOTP], newMember: true }]));
    later.version.minor = 3;
    expect(importCxf(later).accounts).toHaveLength(1);
  });
});
