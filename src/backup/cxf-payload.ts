/**
 * Between Tapkey's backup payload and the Credential Exchange Format: which of our passkeys and
 * accounts go into a CXF export, and a CXF import as a payload the vault can restore.
 */

import { coseKey } from '../authenticator/cose.ts';
import { publicKeyFor } from '../authenticator/keys.ts';
import { fromBase64url, toBase64url } from '../shared/bytes.ts';
import { accountFields } from '../totp/account-fields.ts';
import { decodeBase32, encodeBase32 } from '../totp/base32.ts';
import type { BackupPasskey, BackupPayload } from './backup-payload.ts';
import { deflateStored, inflateRaw } from './cxf/deflate.ts';
import { exportCxf, importCxf } from './cxf/index.ts';
import type { CxfExportResult, CxfImportResult } from './cxf/types.ts';

/** The largest large blob an import inflates (Tapkey's own are at most 2 KiB; CTAP's arrays are small). */
export const MAX_IMPORTED_LARGE_BLOB = 65_536;

/** CXF §3.3.12.5: the blob DEFLATE-compressed, with its size before compression. */
function largeBlobToCxf(blob: string): { uncompressedSize: number; data: Uint8Array } {
  const bytes = fromBase64url(blob);
  return { uncompressedSize: bytes.length, data: deflateStored(bytes) };
}

/** The blob back, or why it cannot be (a note for the user; the passkey is imported without it). */
function largeBlobFromCxf(blob: { uncompressedSize: number; data: Uint8Array }): string | Error {
  if (blob.uncompressedSize > MAX_IMPORTED_LARGE_BLOB) {
    return new Error(`its large blob of ${blob.uncompressedSize} bytes is over ${MAX_IMPORTED_LARGE_BLOB}`);
  }
  try {
    const bytes = inflateRaw(blob.data, MAX_IMPORTED_LARGE_BLOB);
    // CTAP 2.1 §6.10.3: a blob whose inflated size is not origSize is not used.
    if (bytes.length !== blob.uncompressedSize) {
      return new Error(
        `its large blob inflates to ${bytes.length} bytes, not the ${blob.uncompressedSize} it says`,
      );
    }
    return toBase64url(bytes);
  } catch (error) {
    return new Error(
      `its large blob is not DEFLATE data (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}

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
        ...(p.largeBlob ? { largeBlob: largeBlobToCxf(p.largeBlob) } : {}),
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
  const issues = [...imported.issues];
  const passkeys = imported.passkeys.map((p) => {
    const passkey: BackupPasskey = {
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
    };
    if (p.prfSecrets) {
      passkey.prfSecrets = {
        withUv: toBase64url(p.prfSecrets.withUv),
        withoutUv: toBase64url(p.prfSecrets.withoutUv),
      };
    }
    // A passkey that comes with a large blob keeps a blob store (WebAuthn L3 §10.1.5); CXF does not say
    // whether one without a blob had a store, so it gets none.
    if (p.largeBlob) {
      const blob = largeBlobFromCxf(p.largeBlob);
      if (typeof blob === 'string') {
        passkey.largeBlobSupported = true;
        if (blob.length > 0) passkey.largeBlob = blob;
      } else {
        issues.push({
          where: `${p.rpName || p.rpId}: ${p.userName}`,
          message: `imported without ${blob.message}`,
        });
      }
    }
    return passkey;
  });
  return {
    issues,
    payload: {
      passkeys,
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
