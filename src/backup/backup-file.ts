/**
 * The Tapkey backup file, version 1: a JSON document (documented in the README) whose payload is
 * sealed with AES-256-GCM under a key derived from the user's passphrase with scrypt (RFC 7914), the
 * memory-hard KDF Aegis uses for its vaults too. Everything a reader needs to derive the key again is
 * in the file; the header is the GCM additional data, so a changed parameter fails like a changed
 * byte of ciphertext. A second derived key makes a check value, so a wrong passphrase can be told
 * apart from a damaged file (GCM alone cannot tell the two).
 */
import { hmac } from '@noble/hashes/hmac.js';
import { scryptAsync } from '@noble/hashes/scrypt.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { equal, fromBase64url, toBase64url, utf8 } from '../shared/bytes.ts';
import { type BackupPayload, parseBackupPayload } from './backup-payload.ts';

export const BACKUP_FORMAT = 'tapkey-backup';
export const BACKUP_VERSION = 1;

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** 2^17 × 8 × 128 B = 128 MiB of memory per guess: OWASP's first scrypt setting. */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };
/** Bounds a reader accepts, so a crafted file cannot ask for gigabytes (or for a trivial KDF). */
const N_RANGE = [2 ** 14, 2 ** 20] as const;
export const MIN_PASSPHRASE_LENGTH = 10;

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  /** ISO 8601: when the backup was made (shown before restoring). */
  createdAt: string;
  kdf: { name: 'scrypt'; salt: string } & ScryptParams;
  cipher: { name: 'AES-256-GCM'; iv: string };
  /** HMAC-SHA256(check key, "tapkey backup check"): tells a wrong passphrase from a damaged file. */
  check: string;
}

export interface BackupFile extends BackupHeader {
  /** The payload JSON, sealed; the GCM tag is its last 16 bytes. */
  ciphertext: string;
}

/** Why a backup could not be opened, in words for the user. */
export class BackupError extends Error {
  override readonly name = 'BackupError';
  constructor(
    readonly reason: 'wrong-passphrase' | 'damaged' | 'not-a-backup' | 'newer-version' | 'weak-passphrase',
    message: string,
  ) {
    super(message);
  }
}

const CHECK_LABEL = utf8('tapkey backup check');

async function deriveKeys(passphrase: string, salt: Uint8Array, params: ScryptParams) {
  const derived = await scryptAsync(utf8(passphrase.normalize('NFC')), salt, { ...params, dkLen: 64 });
  const aes = await crypto.subtle.importKey('raw', derived.slice(0, 32), 'AES-GCM', false, [
    'encrypt',
    'decrypt',
  ]);
  const check = hmac(sha256, derived.slice(32), CHECK_LABEL);
  derived.fill(0);
  return { aes, check };
}

/** The GCM additional data: every header field, in a fixed order. */
function headerAad(h: BackupHeader): Uint8Array {
  return utf8(JSON.stringify([h.format, h.version, h.createdAt, h.kdf, h.cipher, h.check]));
}

export interface SealOptions {
  now?: Date;
  scrypt?: ScryptParams;
  random?: (length: number) => Uint8Array;
}

/** Seals `payload` into the text of a backup file. */
export async function sealBackup(
  payload: BackupPayload,
  passphrase: string,
  options: SealOptions = {},
): Promise<string> {
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) {
    throw new BackupError(
      'weak-passphrase',
      `choose a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters`,
    );
  }
  const random = options.random ?? ((n: number) => crypto.getRandomValues(new Uint8Array(n)));
  const params = options.scrypt ?? DEFAULT_SCRYPT;
  const salt = random(16);
  const iv = random(12);
  const keys = await deriveKeys(passphrase, salt, params);
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: (options.now ?? new Date()).toISOString(),
    kdf: { name: 'scrypt', ...params, salt: toBase64url(salt) },
    cipher: { name: 'AES-256-GCM', iv: toBase64url(iv) },
    check: toBase64url(keys.check),
  };
  const sealed = await crypto.subtle.encrypt(
    {
      name: 'AES-GCM',
      iv: iv as Uint8Array<ArrayBuffer>,
      additionalData: headerAad(header) as Uint8Array<ArrayBuffer>,
    },
    keys.aes,
    utf8(JSON.stringify(payload)) as Uint8Array<ArrayBuffer>,
  );
  const file: BackupFile = { ...header, ciphertext: toBase64url(new Uint8Array(sealed)) };
  return `${JSON.stringify(file, null, 2)}\n`;
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isB64 = (v: unknown): v is string => typeof v === 'string' && /^[A-Za-z0-9_-]*$/.test(v);

/** Reads the header without the passphrase: what the popup shows before asking for it. */
export function readBackupHeader(text: string): BackupFile {
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch {
    // A backup cut short (a failed download or copy) is still recognisably one.
    if (text.includes(`"${BACKUP_FORMAT}"`)) {
      throw new BackupError('damaged', 'this backup file is incomplete (cut short): nothing was restored');
    }
    throw new BackupError('not-a-backup', 'this file is not a Tapkey backup (it is not JSON)');
  }
  if (!isObj(file) || file.format !== BACKUP_FORMAT) {
    throw new BackupError('not-a-backup', 'this file is not a Tapkey backup');
  }
  if (typeof file.version !== 'number' || file.version > BACKUP_VERSION) {
    throw new BackupError(
      'newer-version',
      'this backup was made by a newer Tapkey: update Tapkey, then restore it',
    );
  }
  const { kdf, cipher } = file;
  const ok =
    file.version === BACKUP_VERSION &&
    typeof file.createdAt === 'string' &&
    isObj(kdf) &&
    kdf.name === 'scrypt' &&
    isB64(kdf.salt) &&
    typeof kdf.N === 'number' &&
    Number.isInteger(Math.log2(kdf.N)) &&
    kdf.N >= N_RANGE[0] &&
    kdf.N <= N_RANGE[1] &&
    (kdf.r === 8 || kdf.r === 16) &&
    typeof kdf.p === 'number' &&
    kdf.p >= 1 &&
    kdf.p <= 4 &&
    isObj(cipher) &&
    cipher.name === 'AES-256-GCM' &&
    isB64(cipher.iv) &&
    isB64(file.check) &&
    isB64(file.ciphertext);
  if (!ok)
    throw new BackupError('damaged', 'this backup file is damaged (its header is incomplete or changed)');
  return file as unknown as BackupFile;
}

/**
 * Opens a backup file. Nothing is changed anywhere: the caller restores what comes back.
 * @throws BackupError: wrong passphrase, damaged or truncated file, not a backup, newer version.
 */
export async function openBackup(
  text: string,
  passphrase: string,
): Promise<{ header: BackupHeader; payload: BackupPayload }> {
  const file = readBackupHeader(text);
  const { ciphertext, ...header } = file;
  const keys = await deriveKeys(passphrase, fromBase64url(header.kdf.salt), header.kdf);
  if (!equal(keys.check, fromBase64url(header.check))) {
    throw new BackupError('wrong-passphrase', 'wrong passphrase for this backup');
  }
  let plain: ArrayBuffer;
  try {
    plain = await crypto.subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: fromBase64url(header.cipher.iv) as Uint8Array<ArrayBuffer>,
        additionalData: headerAad(header) as Uint8Array<ArrayBuffer>,
      },
      keys.aes,
      fromBase64url(ciphertext) as Uint8Array<ArrayBuffer>,
    );
  } catch {
    throw new BackupError('damaged', 'this backup file is damaged or was changed: nothing was restored');
  }
  let payload: BackupPayload;
  try {
    payload = parseBackupPayload(JSON.parse(new TextDecoder().decode(plain)));
  } catch (e) {
    throw new BackupError(
      'damaged',
      `this backup cannot be read: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  return { header, payload };
}
