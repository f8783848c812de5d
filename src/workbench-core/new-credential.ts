/**
 * A passkey a developer adds by hand in the workbench: a new key (ES256 or Ed25519), or a PKCS#8
 * private key pasted as PEM or base64. It gets what one made by a ceremony gets (a random 32-byte
 * credential ID, PRF secrets), so it signs in like any other.
 */
import { coseKey } from '../authenticator/cose.ts';
import { newPrfSecrets } from '../authenticator/hmac-secret.ts';
import { generateKeyPair, KEY_SEED_LENGTH, publicKeyFor, type SupportedAlg } from '../authenticator/keys.ts';
import type { NewCredential, Random } from '../authenticator/ports.ts';
import { decodePkcs8 } from '../backup/cxf/decode-pkcs8.ts';
import { fromBase64url, utf8 } from '../shared/bytes.ts';
import { fromBase64 } from './base64.ts';

export interface NewCredentialInput {
  rpId: string;
  userName: string;
  userDisplayName: string;
  /** base64url, 1 to 64 bytes; absent: 16 random bytes. */
  userHandle?: string;
  discoverable: boolean;
  /** A new key of this algorithm, or a PKCS#8 private key (PEM, base64 or base64url DER). */
  key: { generate: SupportedAlg } | { pkcs8: string };
  signCount: number;
}

const CREDENTIAL_ID_LENGTH = 32;
const USER_HANDLE_LENGTH = 16;
/** WebAuthn L3 §6.4.1: authenticators may cut names; Tapkey keeps 1,024 bytes, as at create. */
const MAX_NAME_BYTES = 1024;

/** RP IDs are domains (WebAuthn L3 §5.1.3 step 8): letters, digits, dots and hyphens. */
export function checkRpId(input: string): string {
  const rpId = input.trim().toLowerCase();
  if (!rpId || rpId.length > 253 || !/^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(rpId)) {
    throw new TypeError(`"${input.trim().slice(0, 80)}" is not an RP ID (a domain such as example.com)`);
  }
  return rpId;
}

function checkName(field: string, value: string): string {
  const name = value.trim();
  if (!name) throw new TypeError(`${field} is empty`);
  if (utf8(name).length > MAX_NAME_BYTES)
    throw new TypeError(`${field} is longer than ${MAX_NAME_BYTES} bytes`);
  return name;
}

export function checkCounter(value: number): number {
  if (!Number.isSafeInteger(value) || value < 0 || value > 0xffff_ffff) {
    throw new TypeError('the counter is not a whole number from 0 to 4294967295');
  }
  return value;
}

/** PEM (`-----BEGIN PRIVATE KEY-----`), or the DER in base64 or base64url. */
function pkcs8Bytes(text: string): Uint8Array {
  const body = text.replace(/-----(BEGIN|END) [A-Z ]+-----/g, '').replace(/\s+/g, '');
  if (!body) throw new TypeError('the private key is empty');
  try {
    return /[-_]/.test(body) ? fromBase64url(body) : fromBase64(body);
  } catch {
    throw new TypeError('the private key is not PEM or base64');
  }
}

function privateKeyOf(
  key: NewCredentialInput['key'],
  random: Random,
): { alg: SupportedAlg; privateKey: Uint8Array } {
  if ('generate' in key) {
    const pair = generateKeyPair(key.generate, random.bytes(KEY_SEED_LENGTH));
    return { alg: pair.alg, privateKey: pair.privateKey };
  }
  try {
    return decodePkcs8(pkcs8Bytes(key.pkcs8));
  } catch (e) {
    throw new TypeError(`the private key: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** @throws TypeError saying what is wrong with the input, never quoting key bytes. */
export function newCredential(input: NewCredentialInput, random: Random, now: number): NewCredential {
  const rpId = checkRpId(input.rpId);
  const userName = checkName('the user name', input.userName);
  const userDisplayName = checkName('the display name', input.userDisplayName);
  let userHandle: Uint8Array;
  if (input.userHandle?.trim()) {
    try {
      userHandle = fromBase64url(input.userHandle.trim());
    } catch {
      throw new TypeError('the user handle is not base64url');
    }
    // WebAuthn L3 §5.4.3: user.id is 1 to 64 bytes.
    if (userHandle.length < 1 || userHandle.length > 64)
      throw new TypeError('the user handle is not 1 to 64 bytes');
  } else userHandle = random.bytes(USER_HANDLE_LENGTH);
  const signCount = checkCounter(input.signCount);
  const { alg, privateKey } = privateKeyOf(input.key, random);
  return {
    credentialId: random.bytes(CREDENTIAL_ID_LENGTH),
    rpId,
    rpName: rpId,
    userHandle,
    userName,
    userDisplayName,
    discoverable: input.discoverable,
    alg,
    signCount,
    createdAt: now,
    lastUsedAt: null,
    privateKey,
    publicKeyCose: coseKey(alg, publicKeyFor(alg, privateKey)),
    prfSecrets: newPrfSecrets(random),
  };
}
