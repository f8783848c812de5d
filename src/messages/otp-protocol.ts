/**
 * Runtime messages of the one-time-code feature (popup ↔ service worker). Every name starts with
 * `otp/`; the worker routes them to `src/background/otp-api.ts`. Secrets travel as base32 strings
 * (architecture trap 4), and only from the worker to the popup, which computes the codes it shows.
 */
import { decodeBase32, encodeBase32 } from '../totp/base32.ts';
import type { OtpAccount, OtpAlgorithm, OtpKind } from '../totp/types.ts';

/** An {@link OtpAccount} on the wire: the secret as unpadded base32. */
export interface OtpAccountWire {
  kind: OtpKind;
  issuer: string;
  accountName: string;
  secret: string;
  algorithm: OtpAlgorithm;
  digits: number;
  period: number;
  counter: number;
  extra: Record<string, string>;
}

/** A stored account as the popup sees it. */
export interface OtpAccountView extends OtpAccountWire {
  id: string;
  order: number;
  createdAt: number;
}

export type OtpDuplicatePolicy = 'ask' | 'skip' | 'add' | 'replace';

export interface OtpDuplicateView {
  /** Index into the request's `accounts`. */
  index: number;
  existingId: string;
  /** "Issuer: account" of the stored account. */
  existingLabel: string;
  reason: 'secret' | 'name';
}

export type OtpFailure = { ok: false; error: string; locked?: boolean };

export type OtpExportFormat = 'uri-list' | 'aegis' | 'google';

/** name → request and response of every `otp/*` message. */
export type OtpProtocol = {
  /**
   * `hostname`: the current tab's, so the worker (which has the Public Suffix List) scores which
   * accounts belong to that site; the popup then needs no PSL of its own.
   */
  'otp/list': {
    request: { hostname?: string };
    response:
      | { ok: true; accounts: OtpAccountView[]; clockOffsetMs: number; siteScores: Record<string, number> }
      | OtpFailure;
  };
  /** Enters the PIN when the vault is locked (a PIN was set and the browser restarted). */
  'otp/unlock': { request: { pin: string }; response: { ok: true } | OtpFailure };
  'otp/add': {
    request: { accounts: OtpAccountWire[]; onDuplicate: OtpDuplicatePolicy };
    response:
      | { ok: true; added: number; replaced: number; skipped: number; duplicates: OtpDuplicateView[] }
      | OtpFailure;
  };
  'otp/update': {
    request: { id: string; issuer: string; accountName: string };
    response: { ok: true } | OtpFailure;
  };
  'otp/delete': { request: { id: string }; response: { ok: true; deleted: boolean } | OtpFailure };
  /** The ids in their new order. */
  'otp/reorder': { request: { ids: string[] }; response: { ok: true } | OtpFailure };
  /** HOTP: moves the counter on and stores it; the answer carries the new counter. */
  'otp/next-hotp': { request: { id: string }; response: { ok: true; counter: number } | OtpFailure };
  /** Captures the visible tab and returns the text of every QR code found in it. */
  'otp/scan-tab': { request: { tabId?: number }; response: { ok: true; texts: string[] } | OtpFailure };
  /** Fills the account's code (and the next one, for two code fields) into the tab's page. */
  'otp/fill': {
    request: { id: string; tabId?: number };
    response: { ok: true; filled: number } | OtpFailure;
  };
  'otp/export': {
    request: { format: OtpExportFormat };
    response:
      | { ok: true; format: 'uri-list' | 'aegis'; text: string; count: number }
      | { ok: true; format: 'google'; uris: string[]; count: number; left: string[] }
      | OtpFailure;
  };
  /**
   * Compares this computer's clock with a server's `Date` header: the tab's own origin (fetched from
   * inside the page, so no host permission is needed) or a URL that allows CORS.
   */
  'otp/clock-check': {
    request: { tabId?: number; url?: string };
    response: { ok: true; offsetMs: number; source: string; currentOffsetMs: number } | OtpFailure;
  };
  'otp/set-clock-offset': { request: { offsetMs: number }; response: { ok: true } };
  /** After a copy: clear the clipboard in `afterMs`, even once the popup has closed. */
  'otp/clear-clipboard-later': { request: { afterMs: number }; response: { ok: boolean } };
};

export function accountToWire(account: OtpAccount): OtpAccountWire {
  return {
    kind: account.kind,
    issuer: account.issuer,
    accountName: account.accountName,
    secret: encodeBase32(account.secret),
    algorithm: account.algorithm,
    digits: account.digits,
    period: account.period,
    counter: account.counter,
    extra: { ...account.extra },
  };
}

/** @throws TypeError when the secret is not base32 (the guards check the rest). */
export function accountFromWire(wire: OtpAccountWire): OtpAccount {
  return { ...wire, extra: { ...wire.extra }, secret: decodeBase32(wire.secret) };
}
