/**
 * Google Authenticator's "Transfer accounts" QR codes: `otpauth-migration://offline?data=<base64>`,
 * where data is a protobuf MigrationPayload. Google never published the schema; the one every
 * importer uses was reverse-engineered (Aegis PR #406, https://github.com/beemdevelopment/Aegis):
 *
 *   message MigrationPayload {
 *     repeated OtpParameters otp_parameters = 1;
 *     int32 version = 2; int32 batch_size = 3; int32 batch_index = 4; int32 batch_id = 5;
 *   }
 *   message OtpParameters {
 *     bytes secret = 1; string name = 2; string issuer = 3;
 *     Algorithm algorithm = 4;   // 0 unspecified, 1 SHA1, 2 SHA256, 3 SHA512, 4 MD5
 *     DigitCount digits = 5;     // 0 unspecified, 1 six, 2 eight (3 seven in later copies)
 *     OtpType type = 6;          // 0 unspecified, 1 HOTP, 2 TOTP
 *     int64 counter = 7;
 *   }
 */
import { accountLabel } from './account-label.ts';
import { type ProtoField, ProtoWriter, readFields, WIRE_LEN, WIRE_VARINT } from './protobuf.ts';
import {
  DEFAULT_PERIOD,
  type ImportIssue,
  type ImportResult,
  type OtpAccount,
  type OtpAlgorithm,
} from './types.ts';

/** Where a QR code sits in a multi-code export. */
export interface MigrationBatch {
  version: number;
  /** How many QR codes the export has. */
  batchSize: number;
  /** 0-based position of this code. */
  batchIndex: number;
  /** Shared by all codes of one export. */
  batchId: number;
}

/** Accounts per QR code when exporting; Google Authenticator itself puts about 10 in each. */
export const DEFAULT_ACCOUNTS_PER_QR = 10;

const ALGORITHM_FROM_PROTO: Record<number, OtpAlgorithm> = { 0: 'SHA1', 1: 'SHA1', 2: 'SHA256', 3: 'SHA512' };
const ALGORITHM_TO_PROTO: Record<OtpAlgorithm, number> = { SHA1: 1, SHA256: 2, SHA512: 3 };
const DIGITS_FROM_PROTO: Record<number, number> = { 0: 6, 1: 6, 2: 8, 3: 7 };
const TYPE_HOTP = 1;
const TYPE_TOTP = 2;

/**
 * Decodes one `otpauth-migration://` URI (one QR code of an export).
 *
 * Accounts that cannot be used (MD5, unknown types, an empty secret) are reported in `issues`; the
 * rest are returned. Google exports have no period: every TOTP account gets 30 seconds.
 *
 * @throws TypeError if the URI is not an `otpauth-migration://` URI, has no `data`, or its data is not
 *   base64 protobuf.
 */
export function decodeGoogleMigration(uri: string): ImportResult & { batch: MigrationBatch } {
  const text = uri.trim();
  if (!/^otpauth-migration:\/\//i.test(text)) {
    throw new TypeError("a Google Authenticator export URI must start with 'otpauth-migration://'");
  }
  const payload = readFields(base64Decode(dataParameter(text)));
  const batch: MigrationBatch = { version: 0, batchSize: 1, batchIndex: 0, batchId: 0 };
  const accounts: OtpAccount[] = [];
  const issues: ImportIssue[] = [];
  let position = 0;
  for (const field of payload) {
    if (field.number === 1 && field.wireType === WIRE_LEN) {
      position++;
      const parsed = readAccount(field.value, position);
      if ('message' in parsed) issues.push(parsed);
      else accounts.push(parsed);
    } else if (field.wireType === WIRE_VARINT) {
      // int32 fields: negative values arrive sign-extended to 64 bits.
      const value = Number(BigInt.asIntN(32, field.value));
      if (field.number === 2) batch.version = value;
      else if (field.number === 3) batch.batchSize = value;
      else if (field.number === 4) batch.batchIndex = value;
      else if (field.number === 5) batch.batchId = value;
    }
  }
  return { accounts, issues, batch };
}

/**
 * Encodes accounts as Google Authenticator export URIs, `perQr` accounts per URI (one QR code each),
 * all sharing one batch id. Accounts Google Authenticator cannot hold (Steam, 7 digits, a period other
 * than 30 s) are left out and listed in `issues`.
 *
 * @param options.batchId - Defaults to a random positive int32.
 */
export function encodeGoogleMigration(
  accounts: readonly OtpAccount[],
  options: { perQr?: number; batchId?: number } = {},
): { uris: string[]; issues: ImportIssue[] } {
  const perQr = options.perQr ?? DEFAULT_ACCOUNTS_PER_QR;
  if (!Number.isInteger(perQr) || perQr < 1) throw new TypeError(`perQr is ${perQr}; expected 1 or more`);
  const batchId = options.batchId ?? globalThis.crypto.getRandomValues(new Uint32Array(1))[0]! >>> 1;
  const issues: ImportIssue[] = [];
  const exportable: OtpAccount[] = [];
  accounts.forEach((account, i) => {
    const where = `account ${i + 1} (${accountLabel(account)})`;
    if (account.kind === 'steam') {
      issues.push({ where, message: 'Google Authenticator cannot hold Steam Guard accounts' });
    } else if (account.digits !== 6 && account.digits !== 8) {
      issues.push({
        where,
        message: `Google Authenticator exports know 6 or 8 digits, not ${account.digits}`,
      });
    } else if (account.kind === 'totp' && account.period !== DEFAULT_PERIOD) {
      issues.push({
        where,
        message: `Google Authenticator exports have no period; this one is ${account.period} s, not 30`,
      });
    } else {
      exportable.push(account);
    }
  });
  const batchSize = Math.ceil(exportable.length / perQr);
  const uris: string[] = [];
  for (let index = 0; index < batchSize; index++) {
    const writer = new ProtoWriter();
    for (const account of exportable.slice(index * perQr, (index + 1) * perQr)) {
      writer.bytes(1, writeAccount(account));
    }
    writer.varint(2, 1).varint(3, batchSize).varint(4, index).varint(5, batchId);
    uris.push(`otpauth-migration://offline?data=${encodeURIComponent(base64Encode(writer.finish()))}`);
  }
  return { uris, issues };
}

function writeAccount(account: OtpAccount): Uint8Array {
  // The name carries only the account; an empty issuer prefix protects a colon inside it.
  const name =
    account.issuer === '' && account.accountName.includes(':')
      ? `:${account.accountName}`
      : account.accountName;
  const writer = new ProtoWriter()
    .bytes(1, account.secret)
    .bytes(2, name)
    .bytes(3, account.issuer)
    .varint(4, ALGORITHM_TO_PROTO[account.algorithm])
    .varint(5, account.digits === 8 ? 2 : 1)
    .varint(6, account.kind === 'hotp' ? TYPE_HOTP : TYPE_TOTP);
  if (account.kind === 'hotp') writer.varint(7, account.counter);
  return writer.finish();
}

function readAccount(bytes: Uint8Array, position: number): OtpAccount | ImportIssue {
  let secret = new Uint8Array(0);
  let name = '';
  let issuerField = '';
  let algorithm = 0;
  let digits = 0;
  let type = 0;
  let counter = 0n;
  let fields: ProtoField[];
  try {
    fields = readFields(bytes);
  } catch (error) {
    return { where: `account ${position}`, message: (error as Error).message };
  }
  const utf8 = new TextDecoder();
  for (const field of fields) {
    if (field.wireType === WIRE_LEN) {
      if (field.number === 1) secret = new Uint8Array(field.value);
      else if (field.number === 2) name = utf8.decode(field.value);
      else if (field.number === 3) issuerField = utf8.decode(field.value);
    } else if (field.wireType === WIRE_VARINT) {
      if (field.number === 4) algorithm = Number(field.value);
      else if (field.number === 5) digits = Number(field.value);
      else if (field.number === 6) type = Number(field.value);
      else if (field.number === 7) counter = BigInt.asIntN(64, field.value);
    }
  }
  // The name is often the whole label ("Issuer:account"); the issuer field wins over its prefix.
  const colon = name.indexOf(':');
  const labelIssuer = colon === -1 ? '' : name.slice(0, colon).trim();
  const accountName = (colon === -1 ? name : name.slice(colon + 1)).trim();
  const issuer = issuerField.trim() !== '' ? issuerField.trim() : labelIssuer;
  const where = `account ${position} (${accountLabel({ issuer, accountName })})`;
  const fail = (message: string): ImportIssue => ({ where, message });
  if (algorithm === 4) return fail('it uses MD5, which no OTP standard allows and Tapkey does not support');
  const hash = ALGORITHM_FROM_PROTO[algorithm];
  if (!hash) return fail(`its algorithm number is ${algorithm}; expected 1 (SHA1), 2 (SHA256) or 3 (SHA512)`);
  const digitCount = DIGITS_FROM_PROTO[digits];
  if (!digitCount) return fail(`its digit count number is ${digits}; expected 1 (six) or 2 (eight)`);
  if (type !== 0 && type !== TYPE_HOTP && type !== TYPE_TOTP) {
    return fail(`its type number is ${type}; expected 1 (HOTP) or 2 (TOTP)`);
  }
  if (secret.length === 0) return fail('it has no secret');
  if (counter < 0n || counter > BigInt(Number.MAX_SAFE_INTEGER)) {
    return fail(`its counter ${counter} is outside 0 … 2^53 − 1`);
  }
  const kind = type === TYPE_HOTP ? 'hotp' : 'totp';
  return {
    kind,
    issuer,
    accountName,
    secret,
    algorithm: hash,
    digits: digitCount,
    period: DEFAULT_PERIOD,
    counter: kind === 'hotp' ? Number(counter) : 0,
    extra: {},
  };
}

/** The `data` value, percent-decoded but with `+` kept (it is base64, not form text). */
function dataParameter(uri: string): string {
  const query = uri.indexOf('?');
  const pairs = query === -1 ? [] : uri.slice(query + 1).split(/[&#]/);
  const raw = pairs.find((pair) => pair.toLowerCase().startsWith('data='))?.slice('data='.length);
  if (raw === undefined || raw === '') throw new TypeError('the export URI has no data parameter');
  try {
    // A space can only come from someone form-decoding the URI, which turned '+' into ' '.
    return decodeURIComponent(raw).replaceAll(' ', '+');
  } catch {
    throw new TypeError("the export URI's data has a broken %-escape");
  }
}

function base64Decode(text: string): Uint8Array {
  const standard = text.replaceAll('-', '+').replaceAll('_', '/').replace(/=+$/, '');
  if (!/^[A-Za-z0-9+/]*$/.test(standard) || standard.length % 4 === 1) {
    throw new TypeError("the export URI's data is not base64");
  }
  const binary = atob(standard + '='.repeat((4 - (standard.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

function base64Encode(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
