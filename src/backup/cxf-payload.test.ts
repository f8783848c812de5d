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
