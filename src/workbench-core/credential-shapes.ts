/**
 * Passkeys as test fixtures, in the two shapes developers already have tools for:
 * - Playwright's `context.credentials` (`{id, rpId, userHandle, privateKey, publicKey, signCount}`:
 *   base64url, the private key PKCS#8 DER, the public key SPKI DER);
 * - the Chrome DevTools Protocol's `WebAuthn.Credential` (`{credentialId, isResidentCredential, rpId,
 *   privateKey, userHandle, signCount}`: standard base64, the private key PKCS#8 DER).
 * Tapkey keeps raw keys (a P-256 scalar or an Ed25519 seed); PKCS#8 comes from the CXF module
 * (RFC 5208 / RFC 5915 / RFC 8410), SPKI from the authenticator's (RFC 5480 / RFC 8410).
 */
import { coseKey } from '../authenticator/cose.ts';
import { publicKeyFor, type SupportedAlg, spki } from '../authenticator/keys.ts';
import type { BackupPasskey } from '../backup/backup-payload.ts';
import { decodePkcs8 } from '../backup/cxf/decode-pkcs8.ts';
import { encodePkcs8 } from '../backup/cxf/encode-pkcs8.ts';
import { equal, fromBase64url, toBase64url } from '../shared/bytes.ts';
import { fromBase64, toBase64 } from './base64.ts';
import type { CdpCredential, CredentialShape, PlaywrightCredential } from './types.ts';

function keysOf(p: BackupPasskey): { pkcs8: Uint8Array; spki: Uint8Array } {
  const raw = fromBase64url(p.privateKey);
  const alg: SupportedAlg = p.alg;
  return { pkcs8: encodePkcs8(alg, raw), spki: spki(alg, publicKeyFor(alg, raw)) };
}

export function toPlaywright(p: BackupPasskey): PlaywrightCredential {
  const { pkcs8, spki: publicKey } = keysOf(p);
  return {
    id: p.credentialId,
    rpId: p.rpId,
    userHandle: p.userHandle,
    privateKey: toBase64url(pkcs8),
    publicKey: toBase64url(publicKey),
    signCount: p.signCount,
  };
}

export function toCdp(p: BackupPasskey): CdpCredential {
  const { pkcs8 } = keysOf(p);
  return {
    credentialId: toBase64(fromBase64url(p.credentialId)),
    isResidentCredential: p.discoverable,
    rpId: p.rpId,
    privateKey: toBase64(pkcs8),
    userHandle: toBase64(fromBase64url(p.userHandle)),
    signCount: p.signCount,
    userName: p.userName,
    userDisplayName: p.userDisplayName,
  };
}

export function exportShape(shape: CredentialShape, passkeys: readonly BackupPasskey[]): string {
  const items = shape === 'playwright' ? passkeys.map(toPlaywright) : passkeys.map(toCdp);
  return `${JSON.stringify(items, null, 2)}\n`;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function text(o: Obj, key: string, where: string): string {
  const v = o[key];
  if (typeof v !== 'string' || v.length === 0) throw new TypeError(`${where}: ${key} is not a string`);
  return v;
}

function counter(o: Obj, where: string): number {
  const v = o.signCount ?? 0;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0 || v > 0xffff_ffff) {
    throw new TypeError(`${where}: signCount is not a whole number from 0 to 2^32 − 1`);
  }
  return v;
}

/** RP IDs are domains (WebAuthn L3 §5.1.3 step 8); anything else in the file is a mistake. */
function rpIdOf(o: Obj, where: string): string {
  const rpId = text(o, 'rpId', where).toLowerCase();
  if (rpId.length > 253 || !/^[a-z0-9.-]+$/.test(rpId)) throw new TypeError(`${where}: rpId is not a domain`);
  return rpId;
}

function passkey(
  o: { rpId: string; credentialId: Uint8Array; userHandle: Uint8Array; pkcs8: Uint8Array; signCount: number },
  names: { userName: string; userDisplayName: string },
  discoverable: boolean,
  now: number,
  where: string,
  publicKeySpki?: Uint8Array,
): BackupPasskey {
  if (o.credentialId.length === 0 || o.credentialId.length > 1023) {
    throw new TypeError(
      `${where}: the credential id is ${o.credentialId.length} bytes; 1 to 1,023 expected (CTAP 2.1)`,
    );
  }
  if (o.userHandle.length > 64)
    throw new TypeError(`${where}: the user handle is longer than 64 bytes (§5.4.3)`);
  let key: ReturnType<typeof decodePkcs8>;
  try {
    key = decodePkcs8(o.pkcs8);
  } catch (e) {
    throw new TypeError(`${where}: privateKey: ${e instanceof Error ? e.message : String(e)}`);
  }
  const publicKey = publicKeyFor(key.alg, key.privateKey);
  if (publicKeySpki && !equal(publicKeySpki, spki(key.alg, publicKey))) {
    throw new TypeError(`${where}: publicKey is not the private key's own public key`);
  }
  return {
    credentialId: toBase64url(o.credentialId),
    rpId: o.rpId,
    rpName: o.rpId,
    userHandle: toBase64url(o.userHandle),
    userName: names.userName,
    userDisplayName: names.userDisplayName,
    discoverable,
    alg: key.alg,
    signCount: o.signCount,
    createdAt: now,
    lastUsedAt: null,
    privateKey: toBase64url(key.privateKey),
    publicKeyCose: toBase64url(coseKey(key.alg, publicKey)),
  };
}

/** One Playwright credential. Playwright's credentials are discoverable (resident). */
export function fromPlaywright(v: unknown, now: number, where = 'credential'): BackupPasskey {
  if (!isObj(v)) throw new TypeError(`${where} is not an object`);
  const id = text(v, 'id', where);
  const decode = (key: string) => fromBase64url(text(v, key, where), `${where}: ${key}`);
  const publicKey = typeof v.publicKey === 'string' ? decode('publicKey') : undefined;
  return passkey(
    {
      rpId: rpIdOf(v, where),
      credentialId: decode('id'),
      userHandle: decode('userHandle'),
      pkcs8: decode('privateKey'),
      signCount: counter(v, where),
    },
    { userName: `playwright-${id.slice(0, 8)}`, userDisplayName: 'Imported from Playwright' },
    true,
    now,
    where,
    publicKey,
  );
}

/** One CDP WebAuthn.Credential. */
export function fromCdp(v: unknown, now: number, where = 'credential'): BackupPasskey {
  if (!isObj(v)) throw new TypeError(`${where} is not an object`);
  const decode = (key: string) => fromBase64(text(v, key, where), `${where}: ${key}`);
  const credentialId = decode('credentialId');
  const userHandle =
    typeof v.userHandle === 'string' && v.userHandle ? decode('userHandle') : new Uint8Array();
  const resident = v.isResidentCredential === true;
  // A discoverable credential needs its user handle back in every assertion (§6.3.3 step 12).
  if (resident && userHandle.length === 0)
    throw new TypeError(`${where}: a resident credential needs a userHandle`);
  const shortId = toBase64url(credentialId).slice(0, 8);
  return passkey(
    {
      rpId: rpIdOf(v, where),
      credentialId,
      userHandle,
      pkcs8: decode('privateKey'),
      signCount: counter(v, where),
    },
    {
      userName: typeof v.userName === 'string' && v.userName ? v.userName : `cdp-${shortId}`,
      userDisplayName:
        typeof v.userDisplayName === 'string' && v.userDisplayName
          ? v.userDisplayName
          : 'Imported from DevTools',
    },
    resident,
    now,
    where,
  );
}

/**
 * Reads a fixture file: a JSON array (or one object) of either shape, told apart per item by its
 * members (`credentialId` is CDP's, `id` Playwright's). Every item must be good, or nothing is
 * imported: a half-imported fixture would make tests pass or fail for the wrong reason.
 */
export function importShapes(
  textInput: string,
  now: number,
): { passkeys: BackupPasskey[]; shapes: CredentialShape[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(textInput);
  } catch {
    throw new TypeError('the file is not JSON');
  }
  const items = Array.isArray(parsed)
    ? parsed
    : isObj(parsed) && Array.isArray(parsed.credentials)
      ? parsed.credentials
      : [parsed];
  if (items.length > 10_000) throw new TypeError('more than 10,000 credentials');
  const shapes: CredentialShape[] = [];
  const passkeys = items.map((item, i) => {
    const where = `credential ${i + 1}`;
    if (isObj(item) && 'credentialId' in item) {
      shapes.push('cdp');
      return fromCdp(item, now, where);
    }
    shapes.push('playwright');
    return fromPlaywright(item, now, where);
  });
  return { passkeys, shapes };
}
