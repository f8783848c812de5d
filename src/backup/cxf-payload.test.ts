import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { coseKey } from '../authenticator/cose.ts';
import { generateKeyPair } from '../authenticator/keys.ts';
import { toBase64url } from '../shared/bytes.ts';
import type { BackupPasskey, BackupPayload } from './backup-payload.ts';
import { cxfToPayload, payloadToCxf } from './cxf-payload.ts';

function passkey(alg: -7 | -8, signCount: number, id: number): BackupPasskey {
  const pair = generateKeyPair(alg, new Uint8Array(48).fill(id));
  return {
    credentialId: toBase64url(Uint8Array.of(id, id, id)),
    rpId: 'example.com',
    rpName: 'Example',
    userHandle: toBase64url(Uint8Array.of(9, id)),
    userName: `user${id}`,
    userDisplayName: `User ${id}`,
    discoverable: true,
    alg,
    signCount,
    createdAt: 1_790_000_000_000,
    lastUsedAt: null,
    privateKey: toBase64url(pair.privateKey),
    publicKeyCose: toBase64url(coseKey(alg, pair.publicKey)),
  };
}

const payload: BackupPayload = {
  passkeys: [passkey(-7, 0, 1), passkey(-8, 0, 2), passkey(-7, 5, 3)],
  accounts: [
    {
      kind: 'totp',
      issuer: 'Example',
      accountName: 'alice',
      secret: 'JBSWY3DPEHPK3PXP',
      algorithm: 'SHA256',
      digits: 8,
      period: 60,
      counter: 0,
      extra: {},
      order: 0,
      createdAt: 1,
      sites: [],
    },
  ],
  settings: { bypassOrigins: [] },
};

describe('CXF and the backup payload', () => {
  it('a passkey with a used counter stays behind, with a reason (CXF §3.3.12)', () => {
    const { leftOut } = payloadToCxf(payload, 1_790_000_000_000);
    expect(leftOut).toHaveLength(1);
    expect(leftOut[0]).toMatchObject({ kind: 'passkey' });
    expect(leftOut[0]!.reason).toMatch(/counter/i);
  });

  it('round trips keys, names and codes; public keys are derived again; counters start at zero', () => {
    const { document } = payloadToCxf(payload, 1_790_000_000_000);
    const { payload: back, issues } = cxfToPayload(JSON.stringify(document), 5);
    expect(issues).toEqual([]);
    expect(back.passkeys).toEqual(
      payload.passkeys.slice(0, 2).map((p) => ({ ...p, signCount: 0, lastUsedAt: null })),
    );
    expect(back.accounts).toEqual([{ ...payload.accounts[0], createdAt: 5 }]);
  });
});

describe('prf secrets and large blobs through CXF (§3.3.12.3 hmacCredentials, §3.3.12.5 largeBlob)', () => {
  const secrets = {
    withUv: toBase64url(new Uint8Array(32).fill(1)),
    withoutUv: toBase64url(new Uint8Array(32).fill(2)),
  };
  const blob = toBase64url(new TextEncoder().encode('Grüße from a large blob'));
  const withExtras: BackupPayload = {
    passkeys: [{ ...passkey(-7, 0, 1), prfSecrets: secrets, largeBlobSupported: true, largeBlob: blob }],
    accounts: [],
    settings: { bypassOrigins: [] },
  };

  it('exports hmacCredentials and a DEFLATE-compressed blob with its size', () => {
    const { document } = payloadToCxf(withExtras, 1_790_000_000_000);
    const credential = JSON.parse(JSON.stringify(document)).accounts[0].items[0].credentials[0];
    expect(credential.fido2Extensions.hmacCredentials).toEqual({
      algorithm: 'hmac-sha256',
      credWithUV: secrets.withUv,
      credWithoutUV: secrets.withoutUv,
    });
    expect(credential.fido2Extensions.largeBlob.uncompressedSize).toBe(25);
    const inflated = inflateRawSync(Buffer.from(credential.fido2Extensions.largeBlob.data, 'base64url'));
    expect(toBase64url(new Uint8Array(inflated))).toBe(blob);
  });

  it('imports them back', () => {
    const { document } = payloadToCxf(withExtras, 1_790_000_000_000);
    const { payload: back, issues } = cxfToPayload(JSON.stringify(document), 1_790_000_000_000);
    expect(issues).toEqual([]);
    expect(back.passkeys[0]).toMatchObject({
      prfSecrets: secrets,
      largeBlobSupported: true,
      largeBlob: blob,
    });
  });

  it('reads a blob another app compressed with Huffman codes, and notes one that does not inflate', () => {
    const { document } = payloadToCxf(withExtras, 1_790_000_000_000);
    const json = JSON.parse(JSON.stringify(document));
    const extensions = json.accounts[0].items[0].credentials[0].fido2Extensions;
    extensions.largeBlob.data = toBase64url(
      new Uint8Array(deflateRawSync(Buffer.from(blob, 'base64url'), { level: 9 })),
    );
    expect(cxfToPayload(JSON.stringify(json), 0).payload.passkeys[0]?.largeBlob).toBe(blob);
    extensions.largeBlob.uncompressedSize = 99;
    const wrongSize = cxfToPayload(JSON.stringify(json), 0);
    expect(wrongSize.payload.passkeys[0]?.largeBlob).toBeUndefined();
    expect(wrongSize.payload.passkeys[0]?.largeBlobSupported).toBeUndefined();
    expect(wrongSize.issues.map((i) => i.message)).toEqual([
      'imported without its large blob inflates to 25 bytes, not the 99 it says',
    ]);
  });
});
