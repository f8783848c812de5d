/**
 * Between Tapkey's backup payload and the Credential Exchange Format: which of our passkeys and
 * accounts go into a CXF export, and a CXF import as a payload the vault can restore.
 */

import { coseKey } from '../authenticator/cose.ts';
import { publicKeyFor } from '../authenticator/keys.ts';
import { fromBase64url, toBase64url } from '../shared/bytes.ts';
import { accountFields } from '../totp/account-fields.ts';
import { decodeBase32, encodeBase32 } from '../totp/base32.ts';
import type { BackupPayload } from './backup-payload.ts';
import { exportCxf, importCxf } from './cxf/index.ts';
import type { CxfExportResult, CxfImportResult } from './cxf/types.ts';

export function payloadToCxf(payload: BackupPayload, now: number): CxfExportResult {
  return exportCxf(
    {
      passkeys: payload.passkeys.map((p) => ({
        credentialId: fromBase64url(p.credentialId),
        rpId: p.rpId,
        rpName: p.rpName,
        userName: p.userName,
        userDisplayName: p.userDisplayName,
        userHandle: fromBase64url(p.userHandle),
        alg: p.alg,
        privateKey: fromBase64url(p.privateKey),
        signCount: p.signCount,
        createdAt: p.createdAt,
        // CXF §3.3.12.3 hmacCredentials: the hmac-secret keys, so PRF outputs stay the same after a move.
        ...(p.prfSecrets
          ? {
              prfSecrets: {
                withUv: fromBase64url(p.prfSecrets.withUv),
                withoutUv: fromBase64url(p.prfSecrets.withoutUv),
              },
            }
          : {}),
      })),
      accounts: payload.accounts.map((a) => ({ ...accountFields(a), secret: decodeBase32(a.secret) })),
    },
    { exporterRpId: 'tapkey.invalid', exporterDisplayName: 'Tapkey', now: () => now },
  );
}

/** A CXF import as a backup payload: passkeys at counter zero, public keys derived from the keys. */
export function cxfToPayload(
  text: string,
  now: number,
): { payload: BackupPayload; issues: CxfImportResult['issues'] } {
  const imported = importCxf(text);
  return {
    issues: imported.issues,
    payload: {
      passkeys: imported.passkeys.map((p) => ({
        credentialId: toBase64url(p.credentialId),
        rpId: p.rpId,
        rpName: p.rpName || p.rpId,
        userHandle: toBase64url(p.userHandle),
        userName: p.userName,
        userDisplayName: p.userDisplayName,
        discoverable: true,
        alg: p.alg,
        signCount: 0,
        createdAt: p.createdAt ?? now,
        lastUsedAt: null,
        privateKey: toBase64url(p.privateKey),
        publicKeyCose: toBase64url(coseKey(p.alg, publicKeyFor(p.alg, p.privateKey))),
        ...(p.prfSecrets
          ? {
              prfSecrets: {
                withUv: toBase64url(p.prfSecrets.withUv),
                withoutUv: toBase64url(p.prfSecrets.withoutUv),
              },
            }
          : {}),
      })),
      accounts: imported.accounts.map((a, i) => ({
        ...accountFields(a),
        secret: encodeBase32(a.secret),
        order: i,
        createdAt: now,
        sites: [],
      })),
      settings: { bypassOrigins: [] },
    },
  };
}
