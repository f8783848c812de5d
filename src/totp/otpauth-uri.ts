/**
 * `otpauth://` URIs, as Google's Key Uri Format describes them
 * (https://github.com/google/google-authenticator/wiki/Key-Uri-Format):
 * `otpauth://TYPE/LABEL?PARAMETERS`, LABEL = accountname / issuer (":" / "%3A") *"%20" accountname.
 *
 * Steam Guard accounts arrive in three spellings, all read as kind 'steam': `otpauth://steam/...`
 * (Aegis), `otpauth://totp/...&encoder=steam` (KeePassXC, KeeWeb) and `steam://SECRET`.
 */
import { decodeBase32, encodeBase32 } from './base32.ts';
import { checkDigits } from './hotp.ts';
import { periodMs } from './totp.ts';
import { DEFAULT_PERIOD, type OtpAccount, type OtpAlgorithm, STEAM_DIGITS } from './types.ts';

/** Parameters this module reads; any other parameter goes to `extra`. */
const KNOWN = new Set(['secret', 'issuer', 'algorithm', 'digits', 'period', 'counter']);

/**
 * Reads an `otpauth://totp/…`, `otpauth://hotp/…`, `otpauth://steam/…` or `steam://…` URI.
 *
 * - The issuer is the `issuer` parameter if present, else the label's prefix; when both are present
 *   and differ, the parameter wins and the label's account name is kept.
 * - Defaults: algorithm SHA1, digits 6, period 30; a Steam account without an issuer gets 'Steam'.
 * - Parameters that do not apply to the kind (a TOTP `counter`, an HOTP `period`) are ignored.
 * - Unknown parameters are kept in `extra` (keys as written) so {@link writeOtpauthUri} can put them back.
 *
 * @throws TypeError saying what is wrong: scheme, type, label encoding, secret (missing or not
 *   base32), algorithm, digits, period, or a missing/bad HOTP counter.
 */
export function parseOtpauthUri(uri: string): OtpAccount {
  const text = uri.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1]?.toLowerCase();
  if (scheme === 'steam') return parseSteamUri(text);
  if (scheme === 'otpauth-migration') {
    throw new TypeError('this is a Google Authenticator export (otpauth-migration://); import it as such');
  }
  if (scheme !== 'otpauth') {
    const shown = scheme === undefined ? 'no scheme' : `the scheme '${scheme}:'`;
    throw new TypeError(`the URI has ${shown}; expected 'otpauth://'`);
  }
  if (!text.slice(scheme.length + 1).startsWith('//')) {
    throw new TypeError("the URI must start with 'otpauth://'");
  }
  const rest = withoutFragment(text.slice('otpauth://'.length));
  const query = rest.indexOf('?');
  const path = query === -1 ? rest : rest.slice(0, query);
  const params = parseQuery(query === -1 ? '' : rest.slice(query + 1));
  const slash = path.indexOf('/');
  const type = (slash === -1 ? path : path.slice(0, slash)).toLowerCase();
  if (type !== 'totp' && type !== 'hotp' && type !== 'steam') {
    const shown = type === '' ? 'missing' : `'${type}'`;
    throw new TypeError(`the OTP type is ${shown}; expected 'totp' or 'hotp' (otpauth://totp/…)`);
  }
  const label = splitLabel(slash === -1 ? '' : path.slice(slash + 1));
  const encoderSteam = params.get('encoder')?.toLowerCase() === 'steam';
  const kind = type === 'steam' || encoderSteam ? 'steam' : type;
  if (encoderSteam) params.delete('encoder');
  return accountFrom(kind, label, params);
}

/**
 * Writes the canonical URI:
 * `otpauth://totp/Issuer:account?secret=…&issuer=…&algorithm=…&digits=…&period=…` (HOTP: `counter`
 * instead of `period`; Steam: type `steam`, as Aegis writes it), then the `extra` parameters.
 * Label and values are percent-encoded (a space is `%20`, never `+`); the secret is unpadded base32.
 */
export function writeOtpauthUri(account: OtpAccount): string {
  const type = account.kind;
  const issuer = account.issuer;
  let label: string;
  if (issuer !== '') {
    // The label's issuer prefix may not contain a colon; the issuer parameter carries it exactly.
    label = `${encodeURIComponent(issuer.replaceAll(':', ''))}:${encodeURIComponent(account.accountName)}`;
  } else if (account.accountName.includes(':')) {
    // An empty prefix keeps a colon inside the account name from being read as the issuer separator.
    label = `:${encodeURIComponent(account.accountName)}`;
  } else {
    label = encodeURIComponent(account.accountName);
  }
  const params: [string, string][] = [['secret', encodeBase32(account.secret)]];
  if (issuer !== '') params.push(['issuer', issuer]);
  params.push(['algorithm', account.algorithm], ['digits', String(account.digits)]);
  if (account.kind === 'hotp') params.push(['counter', String(account.counter)]);
  else params.push(['period', String(account.period)]);
  for (const [key, value] of Object.entries(account.extra)) {
    if (!KNOWN.has(key.toLowerCase())) params.push([key, value]);
  }
  const query = params.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  return `otpauth://${type}/${label}?${query}`;
}

/** `steam://SECRET` (the secret alone) or `steam://label?secret=…` (otpauth-style). */
function parseSteamUri(text: string): OtpAccount {
  const rest = withoutFragment(text.replace(/^steam:(\/\/)?/i, ''));
  const query = rest.indexOf('?');
  if (query === -1) {
    const params = new Map<string, string>([['secret', decodePathPart(rest, 'secret')]]);
    return accountFrom('steam', { accountName: '' }, params);
  }
  const params = parseQuery(rest.slice(query + 1));
  const label = splitLabel(rest.slice(0, query));
  params.delete('encoder');
  return accountFrom('steam', label, params);
}

/** The label's parts; the issuer prefix is optional. */
type Label = Pick<OtpAccount, 'accountName'> & Partial<Pick<OtpAccount, 'issuer'>>;

/** Key Uri Format: the issuer prefix ends at the first (literal or %3A) colon; spaces may follow it. */
function splitLabel(raw: string): Label {
  const label = decodePathPart(raw, 'label');
  const colon = label.indexOf(':');
  if (colon === -1) return { accountName: label.trim() };
  return { issuer: label.slice(0, colon).trim(), accountName: label.slice(colon + 1).trim() };
}

/** Percent-decoding for the path: RFC 3986, where `+` is a literal plus. */
function decodePathPart(raw: string, what: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new TypeError(`the ${what} has a broken %-escape (a '%' must be followed by two hex digits)`);
  }
}

function withoutFragment(text: string): string {
  const hash = text.indexOf('#');
  return hash === -1 ? text : text.slice(0, hash);
}

/**
 * The query as form-encoded pairs (`+` is a space, as URLSearchParams reads it). Known parameter names
 * are matched case-insensitively and stored lower-cased; the first of repeated parameters wins.
 */
function parseQuery(query: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawKey = eq === -1 ? part : part.slice(0, eq);
    const rawValue = eq === -1 ? '' : part.slice(eq + 1);
    const key = decodeQueryPart(rawKey, 'a parameter name');
    const name = KNOWN.has(key.toLowerCase()) || key.toLowerCase() === 'encoder' ? key.toLowerCase() : key;
    if (!params.has(name)) params.set(name, decodeQueryPart(rawValue, `parameter '${name}'`));
  }
  return params;
}

function decodeQueryPart(raw: string, what: string): string {
  try {
    return decodeURIComponent(raw.replaceAll('+', ' '));
  } catch {
    throw new TypeError(`${what} has a broken %-escape (a '%' must be followed by two hex digits)`);
  }
}

function accountFrom(kind: OtpAccount['kind'], label: Label, params: Map<string, string>): OtpAccount {
  const secretText = params.get('secret');
  if (secretText === undefined || secretText.trim() === '') {
    throw new TypeError('the URI has no secret parameter (secret=… in base32)');
  }
  const secret = decodeBase32(secretText, 'secret');
  const issuerParam = params.get('issuer')?.trim();
  // Key Uri Format: the issuer parameter is authoritative; the label prefix is the fallback.
  let issuer = issuerParam !== undefined && issuerParam !== '' ? issuerParam : (label.issuer ?? '');
  if (kind === 'steam' && issuer === '') issuer = 'Steam';
  const algorithm = parseAlgorithm(params.get('algorithm'));
  let digits = STEAM_DIGITS;
  if (kind !== 'steam') {
    digits = parseWhole(params.get('digits'), 'digits') ?? 6;
    checkDigits(digits);
  }
  const period = parseWhole(params.get('period'), 'period') ?? DEFAULT_PERIOD;
  periodMs(period);
  let counter = 0;
  if (kind === 'hotp') {
    const parsed = parseWhole(params.get('counter'), 'counter');
    if (parsed === undefined)
      throw new TypeError('an hotp URI needs a counter parameter (counter=0 or more)');
    counter = parsed;
  }
  if (kind === 'steam' && algorithm !== 'SHA1') {
    throw new TypeError(`algorithm is ${algorithm}; Steam Guard codes use SHA1 only`);
  }
  const extra: Record<string, string> = {};
  for (const [key, value] of params) {
    if (KNOWN.has(key)) continue;
    extra[key] = value;
  }
  return {
    kind,
    issuer,
    accountName: label.accountName,
    secret,
    algorithm,
    digits,
    period: kind === 'hotp' ? DEFAULT_PERIOD : period,
    counter,
    extra,
  };
}

/** Case-insensitive; `SHA-256` is accepted too. Missing means SHA1. */
export function parseAlgorithm(value: string | undefined): OtpAlgorithm {
  if (value === undefined || value === '') return 'SHA1';
  const normal = value.trim().toUpperCase().replace('-', '');
  if (normal === 'SHA1' || normal === 'SHA256' || normal === 'SHA512') return normal;
  throw new TypeError(`algorithm is '${value}'; expected SHA1, SHA256 or SHA512`);
}

function parseWhole(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  const number = /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (!Number.isSafeInteger(number)) {
    throw new TypeError(`${name} is '${value}'; expected a whole number`);
  }
  return number;
}
