/** One Tapkey passkey as a CXF §3.3.12 Passkey credential. */
import { toBase64url } from '../../shared/bytes.ts';
import { encodePkcs8 } from './encode-pkcs8.ts';
import { type CxfFido2Extensions, type CxfPasskeyCredential, HMAC_SHA256 } from './format.ts';
import type { CxfPasskeyInput } from './types.ts';

/**
 * Writes the passkey's CXF credential: ids as base64url, the key as PKCS#8 DER, and the extension
 * state it has (§3.3.12.2) — PRF/hmac-secret keys as `hmacCredentials` with the one algorithm CXF 1.0
 * names, `hmac-sha256` (§3.3.12.3, §3.3.12.4).
 *
 * @throws RangeError when `signCount` is not 0: CXF §3.3.12 says such passkeys MUST NOT be exported
 *   ({@link exportCxf} leaves them out with a reason before it gets here).
 * @throws TypeError when the private key is not a valid key of its algorithm.
 */
export function passkeyToCxf(passkey: CxfPasskeyInput): CxfPasskeyCredential {
  if (passkey.signCount !== 0) {
    throw new RangeError(
      `signCount is ${passkey.signCount}; CXF §3.3.12 exports only passkeys whose counter is 0`,
    );
  }
  const credential: CxfPasskeyCredential = {
    type: 'passkey',
    credentialId: toBase64url(passkey.credentialId),
    rpId: passkey.rpId,
    username: passkey.userName,
    userDisplayName: passkey.userDisplayName,
    userHandle: toBase64url(passkey.userHandle),
    key: toBase64url(encodePkcs8(passkey.alg, passkey.privateKey)),
  };
  const extensions: CxfFido2Extensions = {};
  if (passkey.prfSecrets) {
    extensions.hmacCredentials = {
      algorithm: HMAC_SHA256,
      credWithUV: toBase64url(passkey.prfSecrets.withUv),
      credWithoutUV: toBase64url(passkey.prfSecrets.withoutUv),
    };
  }
  if (passkey.credBlob) extensions.credBlob = toBase64url(passkey.credBlob);
  if (passkey.largeBlob) {
    extensions.largeBlob = {
      uncompressedSize: passkey.largeBlob.uncompressedSize,
      data: toBase64url(passkey.largeBlob.data),
    };
  }
  if (passkey.payments !== undefined) extensions.payments = passkey.payments;
  // CXF §3.3.12: `fido2Extensions` is optional; leave it out rather than write an empty object.
  if (Object.keys(extensions).length > 0) credential.fido2Extensions = extensions;
  return credential;
}
