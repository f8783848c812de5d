/**
 * What a Tapkey backup holds, in its JSON form (bytes as base64url): every passkey with its private
 * key, counter and names, every authenticator account, and the settings. Read back with
 * {@link parseBackupPayload}, which checks every field and names the entry that is wrong.
 */
import { fromBase64url } from '../shared/bytes.ts';
import { decodeBase32 } from '../totp/base32.ts';
import { OTP_ALGORITHMS, type OtpAccount } from '../totp/types.ts';

export interface BackupPasskey {
  credentialId: string;
  rpId: string;
  rpName: string;
  userHandle: string;
  userName: string;
  userDisplayName: string;
  discoverable: boolean;
  /** COSE algorithm: -7 (ES256), -8 (EdDSA), or -257 (RS256, made by a workbench test profile). */
  alg: -7 | -8 | -257;
  signCount: number;
  createdAt: number;
  lastUsedAt: number | null;
  /** The raw private key (P-256 scalar or Ed25519 seed; PKCS#8 DER for RS256), base64url. */
  privateKey: string;
  publicKeyCose: string;
  /** CTAP hmac-secret keys (WebAuthn prf), base64url; absent for passkeys made without them. */
  prfSecrets?: { withUv: string; withoutUv: string };
  /** The passkey has a large-blob store (WebAuthn largeBlob); absent: none. */
  largeBlobSupported?: boolean;
  /** Its stored large blob, base64url; absent: none stored. */
  largeBlob?: string;
}

export type BackupAccount = Omit<OtpAccount, 'secret'> & {
  /** base32, as in otpauth:// URIs. */
  secret: string;
  order: number;
  createdAt: number;
  /** The sites the account fills into without being chosen (registrable domains). */
  sites: string[];
  /** Listed first; absent in files from before pins were kept (and in Credential Exchange imports). */
  pinned?: boolean;
};

export interface BackupPayload {
  passkeys: BackupPasskey[];
  accounts: BackupAccount[];
  settings: { bypassOrigins: string[] };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

class Fields {
  constructor(
    private readonly o: Obj,
    private readonly where: string,
  ) {}
  private fail(key: string, expected: string): never {
    throw new TypeError(`${this.where}: ${key} is not ${expected}`);
  }
  text(key: string): string {
    const v = this.o[key];
    return typeof v === 'string' ? v : this.fail(key, 'text');
  }
  bytes(key: string): string {
    const v = this.text(key);
    try {
      fromBase64url(v);
    } catch {
      this.fail(key, 'base64url');
    }
    return v;
  }
  whole(key: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
    const v = this.o[key];
    return typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max
      ? v
      : this.fail(key, `a whole number from ${min} to ${max}`);
  }
  flag(key: string): boolean {
    const v = this.o[key];
    return typeof v === 'boolean' ? v : this.fail(key, 'true or false');
  }
}

function passkey(v: unknown, i: number): BackupPasskey {
  const where = `passkey ${i + 1}`;
  if (!isObj(v)) throw new TypeError(`${where} is not an object`);
  const f = new Fields(v, where);
  const alg = v.alg;
  if (alg !== -7 && alg !== -8 && alg !== -257)
    throw new TypeError(`${where}: alg ${String(alg)} is not ES256 (-7), EdDSA (-8) or RS256 (-257)`);
  const out: BackupPasskey = {
    credentialId: f.bytes('credentialId'),
    rpId: f.text('rpId'),
    rpName: f.text('rpName'),
    userHandle: f.bytes('userHandle'),
    userName: f.text('userName'),
    userDisplayName: f.text('userDisplayName'),
    discoverable: f.flag('discoverable'),
    alg,
    signCount: f.whole('signCount', 0, 0xffff_ffff),
    createdAt: f.whole('createdAt'),
    lastUsedAt: v.lastUsedAt === null ? null : f.whole('lastUsedAt'),
    privateKey: f.bytes('privateKey'),
    publicKeyCose: f.bytes('publicKeyCose'),
  };
  // Optional: files written before Tapkey had prf and largeBlob have none of these.
  if (v.prfSecrets !== undefined) {
    if (!isObj(v.prfSecrets)) throw new TypeError(`${where}: prfSecrets is not an object`);
    const secrets = new Fields(v.prfSecrets, `${where} prfSecrets`);
    out.prfSecrets = { withUv: secrets.bytes('withUv'), withoutUv: secrets.bytes('withoutUv') };
  }
  if (v.largeBlobSupported !== undefined) out.largeBlobSupported = f.flag('largeBlobSupported');
  if (v.largeBlob !== undefined) out.largeBlob = f.bytes('largeBlob');
  return out;
}

function account(v: unknown, i: number): BackupAccount {
  const where = `account ${i + 1}`;
  if (!isObj(v)) throw new TypeError(`${where} is not an object`);
  const f = new Fields(v, where);
  const kind = v.kind;
  if (kind !== 'totp' && kind !== 'hotp' && kind !== 'steam')
    throw new TypeError(`${where}: kind is not totp, hotp or steam`);
  const algorithm = OTP_ALGORITHMS.find((a) => a === v.algorithm);
  if (!algorithm) throw new TypeError(`${where}: algorithm is not one of ${OTP_ALGORITHMS.join(', ')}`);
  const secret = f.text('secret');
  try {
    decodeBase32(secret);
  } catch {
    throw new TypeError(`${where}: secret is not base32`);
  }
  const extra = isObj(v.extra) ? v.extra : {};
  return {
    kind,
    issuer: f.text('issuer'),
    accountName: f.text('accountName'),
    secret,
    algorithm,
    digits: f.whole('digits', 5, 8),
    period: f.whole('period', 1, 86_400 * 365),
    counter: f.whole('counter'),
    extra: Object.fromEntries(
      Object.entries(extra).filter((e): e is [string, string] => typeof e[1] === 'string'),
    ),
    order: f.whole('order', -Number.MAX_SAFE_INTEGER),
    createdAt: f.whole('createdAt'),
    sites: Array.isArray(v.sites) ? v.sites.filter((s): s is string => typeof s === 'string') : [],
    pinned: v.pinned === true,
  };
}

/**
 * Checks a decrypted payload. The file is authenticated, so a bad field means a bug or a newer
 * writer: the whole restore is refused rather than half done.
 * @throws TypeError naming the entry and the field.
 */
export function parseBackupPayload(value: unknown): BackupPayload {
  if (!isObj(value) || !Array.isArray(value.passkeys) || !Array.isArray(value.accounts)) {
    throw new TypeError('the backup holds no lists of passkeys and accounts');
  }
  const settings = isObj(value.settings) ? value.settings : {};
  const bypass = Array.isArray(settings.bypassOrigins) ? settings.bypassOrigins : [];
  return {
    passkeys: value.passkeys.map(passkey),
    accounts: value.accounts.map(account),
    settings: { bypassOrigins: bypass.filter((o): o is string => typeof o === 'string') },
  };
}
