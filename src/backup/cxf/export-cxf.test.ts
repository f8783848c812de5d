import { describe, expect, it } from 'vitest';
import { fromHex, toBase64url } from '../../shared/bytes.ts';
import { encodeBase32 } from '../../totp/base32.ts';
import { exportCxf } from './export-cxf.ts';
import { countingBytes, exportOptions, sampleAccount, samplePasskey } from './testing/fixtures.ts';

const OPTIONS = exportOptions(1_705_228_800_123);

describe('exportCxf', () => {
  it('writes a CXF 1.0 header with one account and one item per credential (§3.1, §3.2.1, §3.2.3)', () => {
    const { document, leftOut } = exportCxf(
      { passkeys: [samplePasskey({ createdAt: 1_705_142_400_999 })], accounts: [sampleAccount()] },
      {
        ...OPTIONS,
        randomBytes: countingBytes(),
        account: { username: 'alice', email: 'alice@example.com' },
      },
    );
    expect(leftOut).toEqual([]);
    expect(document).toEqual({
      version: { major: 1, minor: 0 },
      exporterRpId: 'tapkey.example',
      exporterDisplayName: 'Tapkey',
      timestamp: 1_705_228_800,
      accounts: [
        {
          id: toBase64url(new Uint8Array(16).fill(1)),
          username: 'alice',
          email: 'alice@example.com',
          collections: [],
          items: [
            {
              id: toBase64url(new Uint8Array(16).fill(2)),
              title: 'Example',
              subtitle: 'alice@example.com',
              creationAt: 1_705_142_400,
              credentials: [
                {
                  type: 'passkey',
                  credentialId: 'ABEiM0RVZneImaq7zN3u_w',
                  rpId: 'example.com',
                  username: 'alice@example.com',
                  userDisplayName: 'Alice',
                  userHandle: 'oaKjpA',
                  // The spec example's key (Appendix A): same scalar, same PKCS#8 bytes.
                  key: 'MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgARu_0sCt20EpgVxb4Puq3Ga5VVLpuTY75ngvZlyq3X6hRANCAASmdk1xLsK0oOlhxIPp0d1ZuS0sT9nf6BZtSelhqvLBW0fOL33l_bXgsr_STUHjCLn8l6gcRJwe7OQvbQubZ1dY',
                },
              ],
            },
            {
              id: toBase64url(new Uint8Array(16).fill(3)),
              title: 'GitHub',
              subtitle: 'alice',
              credentials: [
                {
                  type: 'totp',
                  secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
                  period: 30,
                  digits: 6,
                  algorithm: 'sha1',
                  username: 'alice',
                  issuer: 'GitHub',
                },
              ],
            },
          ],
        },
      ],
    });
  });

  it('leaves out a passkey whose signature counter is not 0, saying why (CXF §3.3.12)', () => {
    const { document, leftOut } = exportCxf(
      { passkeys: [samplePasskey({ signCount: 5 }), samplePasskey({ rpId: 'other.example' })], accounts: [] },
      OPTIONS,
    );
    const items = document.accounts[0]!.items;
    expect(items.map((item) => item.credentials[0]!.type === 'passkey' && item.credentials[0]!.rpId)).toEqual(
      ['other.example'],
    );
    expect(leftOut).toEqual([
      {
        kind: 'passkey',
        label: 'alice@example.com on example.com',
        reason:
          'its signature counter is at 5, and the Credential Exchange Format only carries passkeys whose ' +
          'counter is 0 (CXF 1.0 §3.3.12): the copy would count from 0 again, and example.com could take ' +
          'it for a cloned key',
      },
    ]);
  });

  it('leaves out HOTP and Steam accounts, which CXF 1.0 has no type for (§3.3.16)', () => {
    const { document, leftOut } = exportCxf(
      {
        passkeys: [],
        accounts: [
          sampleAccount({ kind: 'hotp', issuer: 'Bank', counter: 7 }),
          sampleAccount({ kind: 'steam', issuer: 'Steam', accountName: 'gabe', digits: 5 }),
          sampleAccount({ algorithm: 'SHA512', digits: 8, period: 60 }),
        ],
      },
      OPTIONS,
    );
    expect(document.accounts[0]!.items.map((item) => item.credentials[0])).toEqual([
      expect.objectContaining({ type: 'totp', algorithm: 'sha512', digits: 8, period: 60 }),
    ]);
    expect(leftOut.map(({ kind, label }) => [kind, label])).toEqual([
      ['account', 'Bank: alice'],
      ['account', 'Steam: gabe'],
    ]);
    expect(leftOut[0]!.reason).toContain('counter-based (HOTP)');
    expect(leftOut[1]!.reason).toContain('Steam Guard');
  });

  it('leaves out what CXF’s field sizes cannot hold, and keys that are not keys', () => {
    const { leftOut } = exportCxf(
      {
        passkeys: [samplePasskey({ privateKey: new Uint8Array(32) })],
        accounts: [sampleAccount({ period: 86_400 })],
      },
      OPTIONS,
    );
    expect(leftOut.map((entry) => entry.reason)).toEqual([
      'its key could not be written: the private key is not a P-256 scalar (it must be from 1 to n − 1)',
      'period is 86400; CXF allows at most 65535',
    ]);
  });

  it('never puts a secret into a reason', () => {
    const passkey = samplePasskey({ signCount: 1, alg: -8, privateKey: fromHex('11'.repeat(32)) });
    const account = sampleAccount({ kind: 'hotp' });
    const { leftOut } = exportCxf({ passkeys: [passkey], accounts: [account] }, OPTIONS);
    const text = JSON.stringify(leftOut);
    for (const secret of [
      toBase64url(passkey.privateKey),
      '1111111111',
      encodeBase32(account.secret),
      toBase64url(account.secret),
      '12345678901234567890',
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it('writes PRF secrets as hmacCredentials, and the other extension state (§3.3.12.2–§3.3.12.5)', () => {
    const passkey = samplePasskey({
      alg: -8,
      privateKey: fromHex('d4ee72dbf913584ad5b6d8f1f769f8ad3afe7c28cbf1d4fbe097a88f44755842'),
      prfSecrets: { withUv: new Uint8Array(32).fill(0xaa), withoutUv: new Uint8Array(32).fill(0xbb) },
      credBlob: Uint8Array.of(1, 2, 3),
      largeBlob: { uncompressedSize: 10, data: Uint8Array.of(4, 5) },
      payments: false,
    });
    const { document } = exportCxf({ passkeys: [passkey], accounts: [] }, OPTIONS);
    expect(document.accounts[0]!.items[0]!.credentials[0]).toMatchObject({
      // RFC 8410 §10.3's example key, as PKCS#8 v1.
      key: 'MC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp-K06_nwoy_HU--CXqI9EdVhC',
      fido2Extensions: {
        hmacCredentials: {
          algorithm: 'hmac-sha256',
          credWithUV: toBase64url(new Uint8Array(32).fill(0xaa)),
          credWithoutUV: toBase64url(new Uint8Array(32).fill(0xbb)),
        },
        credBlob: 'AQID',
        largeBlob: { uncompressedSize: 10, data: 'BAU' },
        payments: false,
      },
    });
  });

  it('writes an empty account when there is nothing to export', () => {
    const { document } = exportCxf({ passkeys: [], accounts: [] }, OPTIONS);
    expect(document.accounts).toEqual([
      {
        id: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
        username: '',
        email: '',
        collections: [],
        items: [],
      },
    ]);
  });
});
