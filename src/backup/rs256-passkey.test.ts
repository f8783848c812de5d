/**
 * An RS256 passkey (made under a workbench test profile) in a backup: the payload parser keeps it,
 * so a vault that holds one still restores, and a CXF export carries its PKCS#8 key as it is.
 */
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { coseKey } from '../authenticator/cose.ts';
import { rsaKeyPair } from '../authenticator/keys.ts';
import { fromBase64url, toBase64url } from '../shared/bytes.ts';
import { type BackupPasskey, parseBackupPayload } from './backup-payload.ts';
import { payloadToCxf } from './cxf-payload.ts';

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pkcs8 = new Uint8Array(privateKey.export({ type: 'pkcs8', format: 'der' }));
const pair = rsaKeyPair(pkcs8);
const rs256: BackupPasskey = {
  credentialId: toBase64url(Uint8Array.of(7, 7, 7)),
  rpId: 'localhost',
  rpName: 'localhost',
  userHandle: toBase64url(Uint8Array.of(1)),
  userName: 'rita',
  userDisplayName: 'Rita',
  discoverable: true,
  alg: -257,
  signCount: 0,
  createdAt: 1,
  lastUsedAt: null,
  privateKey: toBase64url(pkcs8),
  publicKeyCose: toBase64url(coseKey(-257, pair.publicKey)),
};

describe('an RS256 passkey in a backup', () => {
  it('is read back by the payload parser', () => {
    const parsed = parseBackupPayload({ passkeys: [rs256], accounts: [], settings: { bypassOrigins: [] } });
    expect(parsed.passkeys).toEqual([rs256]);
  });

  it('goes into a CXF export with its PKCS#8 key unchanged', () => {
    const exported = payloadToCxf({ passkeys: [rs256], accounts: [], settings: { bypassOrigins: [] } }, 1000);
    expect(exported.leftOut).toEqual([]);
    expect(JSON.stringify(exported)).toContain(toBase64url(fromBase64url(rs256.privateKey)));
  });
});
