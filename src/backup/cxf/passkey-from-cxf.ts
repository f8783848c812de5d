/** One CXF §3.3.12 Passkey credential, checked and turned into a Tapkey passkey. */
import { isObject, type JsonObject, typeName } from '../../totp/json.ts';
import { decodePkcs8 } from './decode-pkcs8.ts';
import { HMAC_SHA256 } from './format.ts';
import { optionalText, requiredBytes, requiredText, requiredUint } from './read-fields.ts';
import { shorten } from './shorten.ts';
import type { CxfPasskeyInput } from './types.ts';

/** The passkey, and what it came without (each a sentence for the user, no secrets). */
export interface PasskeyFromCxf {
  passkey: CxfPasskeyInput;
  notes: string[];
}

/** WebAuthn L3 §4 "Credential ID": at most 1023 bytes. */
const MAX_CREDENTIAL_ID = 1023;
/** WebAuthn L3 §5.4.3 `user.id`: at most 64 bytes. */
const MAX_USER_HANDLE = 64;
/** CXF §3.3.12.2 Fido2Extensions members in CXF 1.0. */
const EXTENSION_MEMBERS = new Set(['hmacCredentials', 'credBlob', 'largeBlob', 'payments']);

/**
 * Reads a passkey credential. What WebAuthn ceremonies need (credentialId, rpId, userHandle, key) must
 * be right or the passkey is refused; a missing `username`/`userDisplayName` (only ever shown, and the
 * only members a user may edit, §3.3.12.1) becomes '' with a note. Extension state that cannot be
 * used is dropped with a note rather than costing the whole passkey: §3.3.12.3 says to ignore an
 * `hmacCredentials` entry of unknown algorithm, and §3.1.1 to ignore unknown members.
 *
 * The counter starts at 0, as CXF §3.3.12 requires of importers (architecture trap 14).
 *
 * @param item - The enclosing item's title (the RP name, when there is one) and `creationAt`.
 * @throws TypeError naming the member that is wrong.
 */
export function passkeyFromCxf(
  credential: JsonObject,
  item: { title: string; creationAt: number | undefined },
): PasskeyFromCxf {
  const notes: string[] = [];
  const credentialId = requiredBytes(credential, 'credentialId', { nonEmpty: true });
  if (credentialId.length > MAX_CREDENTIAL_ID) {
    throw new TypeError(
      `credentialId is ${credentialId.length} bytes; WebAuthn allows at most ${MAX_CREDENTIAL_ID}`,
    );
  }
  const rpId = requiredText(credential, 'rpId').trim();
  if (rpId === '') throw new TypeError('rpId is empty');
  const userHandle = requiredBytes(credential, 'userHandle', { nonEmpty: true });
  if (userHandle.length > MAX_USER_HANDLE) {
    throw new TypeError(
      `userHandle is ${userHandle.length} bytes; WebAuthn allows at most ${MAX_USER_HANDLE}`,
    );
  }
  const { alg, privateKey } = decodePkcs8(requiredBytes(credential, 'key', { nonEmpty: true }));
  const displayed = (key: string): string => {
    const value = optionalText(credential, key);
    if (value === undefined) notes.push(`imported with no ${key}: the export has none`);
    return value ?? '';
  };
  const passkey: CxfPasskeyInput = {
    credentialId,
    rpId,
    rpName: item.title.trim() || rpId,
    userName: displayed('username'),
    userDisplayName: displayed('userDisplayName'),
    userHandle,
    alg,
    privateKey,
    signCount: 0,
  };
  if (item.creationAt !== undefined) passkey.createdAt = item.creationAt * 1000;
  const extensions = credential.fido2Extensions;
  if (extensions !== undefined) {
    if (isObject(extensions)) readExtensions(extensions, passkey, notes);
    else notes.push(`imported without fido2Extensions: it is a ${typeName(extensions)}, not an object`);
  }
  return { passkey, notes };
}

/** CXF §3.3.12.2: each member on its own, so that one bad member loses only itself. */
function readExtensions(extensions: JsonObject, passkey: CxfPasskeyInput, notes: string[]): void {
  const attempt = (member: string, what: string, read: () => void): void => {
    if (extensions[member] === undefined) return;
    try {
      read();
    } catch (error) {
      notes.push(`imported without its ${what}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  attempt('hmacCredentials', 'PRF (hmac-secret) secrets', () => {
    const hmac = asObject(extensions.hmacCredentials, 'hmacCredentials');
    const algorithm = requiredText(hmac, 'algorithm');
    if (algorithm !== HMAC_SHA256) {
      // §3.3.12.3: importers SHOULD ignore an entry whose algorithm they do not know.
      throw new TypeError(
        `hmacCredentials.algorithm is '${shorten(algorithm)}'; CXF 1.0 defines only '${HMAC_SHA256}'`,
      );
    }
    passkey.prfSecrets = {
      // §3.3.12.3: stored and used as they are (they SHOULD be 32 bytes; other lengths are kept).
      withUv: requiredBytes(hmac, 'credWithUV', { nonEmpty: true }),
      withoutUv: requiredBytes(hmac, 'credWithoutUV', { nonEmpty: true }),
    };
  });
  attempt('credBlob', 'credBlob', () => {
    passkey.credBlob = requiredBytes(extensions, 'credBlob', { nonEmpty: false });
  });
  attempt('largeBlob', 'largeBlob', () => {
    const largeBlob = asObject(extensions.largeBlob, 'largeBlob');
    passkey.largeBlob = {
      uncompressedSize: requiredUint(largeBlob, 'uncompressedSize', Number.MAX_SAFE_INTEGER),
      data: requiredBytes(largeBlob, 'data', { nonEmpty: false }),
    };
  });
  attempt('payments', 'payments flag', () => {
    if (typeof extensions.payments !== 'boolean') {
      throw new TypeError(`payments is a ${typeName(extensions.payments)}; expected true or false`);
    }
    passkey.payments = extensions.payments;
  });
  for (const member of Object.keys(extensions)) {
    // §3.1.1: unknown members are ignored. Said aloud here because an unknown member of this object
    // is usually extension state the passkey had (CXF Appendix A itself writes `hmacSecret`).
    if (!EXTENSION_MEMBERS.has(member)) {
      notes.push(`imported without fido2Extensions.${shorten(member)}, which CXF 1.0 does not define`);
    }
  }
}

function asObject(value: unknown, key: string): JsonObject {
  if (!isObject(value)) throw new TypeError(`${key} is a ${typeName(value)}; expected an object`);
  return value;
}
