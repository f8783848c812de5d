/**
 * Shape checks for `otp/*` runtime messages. They come only from our own pages, but are still checked
 * so that a bug (or a compromised page of ours) cannot store malformed accounts.
 */
import { OTP_ALGORITHMS } from '../totp/types.ts';
import type { OtpAccountWire } from './otp-protocol.ts';
import type { OtpMessage } from './protocol.ts';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown, max = 1024): v is string => typeof v === 'string' && v.length <= max;
const isId = (v: unknown): v is string => isText(v, 64) && /^[0-9a-f-]{36}$/.test(v);
const isWhole = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max;
const isTabId = (v: unknown): boolean => v === undefined || isWhole(v, 0, 2 ** 31);

/** Generous limits: a base32 secret of 4 KiB is far beyond any real one (20–64 bytes). */
const MAX_ACCOUNTS = 10_000;

function isExtra(v: unknown): v is Record<string, string> {
  if (!isObj(v)) return false;
  const entries = Object.entries(v);
  return entries.length <= 64 && entries.every(([key, value]) => isText(key, 256) && isText(value, 4096));
}

export function isAccountWire(v: unknown): v is OtpAccountWire {
  return (
    isObj(v) &&
    (v.kind === 'totp' || v.kind === 'hotp' || v.kind === 'steam') &&
    isText(v.issuer) &&
    isText(v.accountName) &&
    isText(v.secret, 4096) &&
    /^[A-Z2-7]+$/.test(v.secret) &&
    OTP_ALGORITHMS.includes(v.algorithm as never) &&
    isWhole(v.digits, 5, 8) &&
    isWhole(v.period, 1, 86_400 * 365) &&
    isWhole(v.counter, 0, Number.MAX_SAFE_INTEGER) &&
    isExtra(v.extra)
  );
}

export function isOtpMessage(v: unknown): v is OtpMessage {
  if (!isObj(v) || typeof v.name !== 'string' || !isObj(v.payload)) return false;
  const p = v.payload;
  switch (v.name) {
    case 'otp/list':
      return p.hostname === undefined || isText(p.hostname, 253);
    case 'otp/unlock':
      return isText(p.pin, 256);
    case 'otp/add':
      return (
        Array.isArray(p.accounts) &&
        p.accounts.length <= MAX_ACCOUNTS &&
        p.accounts.every(isAccountWire) &&
        (p.onDuplicate === 'ask' ||
          p.onDuplicate === 'skip' ||
          p.onDuplicate === 'add' ||
          p.onDuplicate === 'replace')
      );
    case 'otp/update':
      return isId(p.id) && isText(p.issuer) && isText(p.accountName);
    case 'otp/delete':
    case 'otp/next-hotp':
      return isId(p.id);
    case 'otp/reorder':
      return Array.isArray(p.ids) && p.ids.length <= MAX_ACCOUNTS && p.ids.every(isId);
    case 'otp/scan-tab':
      return isTabId(p.tabId);
    case 'otp/fill':
      return isId(p.id) && isTabId(p.tabId);
    case 'otp/export':
      return p.format === 'uri-list' || p.format === 'aegis' || p.format === 'google';
    case 'otp/clock-check':
      return isTabId(p.tabId) && (p.url === undefined || isText(p.url, 2048));
    case 'otp/set-clock-offset':
      // At most an hour: a page's Date header must not be able to shift codes far into the future.
      return isWhole(p.offsetMs, -3_600_000, 3_600_000);
    case 'otp/clear-clipboard-later':
      return isWhole(p.afterMs, 0, 120_000);
    default:
      return false;
  }
}
