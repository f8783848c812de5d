/**
 * Answers the popup's `otp/*` messages, and the fill-code keyboard command.
 *
 * Where codes are computed: the popup computes the codes it shows itself (it gets the secrets in
 * `otp/list`). Asking the worker every second would cost a message round trip and a structured clone
 * of 1,000 codes per tick, and an idle-stopped worker would have to reopen the vault first; in the
 * popup the HMAC keys are imported once and only the accounts whose time step changed are recomputed.
 * The popup is an extension page, as trusted as the worker. The worker computes codes only to fill
 * them into a page (button and command), so the page never talks to the popup.
 */

import browser from 'webextension-polyfill';
import {
  accountFromWire,
  accountToWire,
  type OtpFailure,
  type OtpProtocol,
} from '../messages/otp-protocol.ts';
import type { OtpMessage } from '../messages/protocol.ts';
import { IdbOtpStore, type StoredOtpAccount } from '../storage/otp-store.ts';
import { PinError, unlockWithPin, VaultLockedError } from '../storage/vault-key.ts';
import { accountCodePair } from '../totp/account-code.ts';
import { accountLabel } from '../totp/account-label.ts';
import { exportAegisJson } from '../totp/aegis.ts';
import { encodeGoogleMigration } from '../totp/google-migration.ts';
import { exportUriList } from '../totp/uri-list.ts';
import { clearClipboardLater } from './otp-clipboard.ts';
import { clockOffsetMs, offsetFromSample, sampleTab, sampleUrl, setClockOffsetMs } from './otp-clock.ts';
import { fillTab } from './otp-fill.ts';
import { bestAccountFor, siteMatchScore, tabHostname } from './otp-match.ts';
import { findQrCodes, pixelsOf } from './otp-qr.ts';
import { tabError, targetTab } from './otp-tabs.ts';
import { db, unlockedKeyCache, vaultCryptoKeyGetter } from './vault.ts';

type Response<K extends keyof OtpProtocol> = OtpProtocol[K]['response'];

let storePromise: Promise<IdbOtpStore> | undefined;

function otpStore(): Promise<IdbOtpStore> {
  storePromise ??= db().then((database) => new IdbOtpStore(database, vaultCryptoKeyGetter));
  return storePromise;
}

/** After the vault was erased: the store's cached list and secrets go with it. */
export function forgetOtpStore(): void {
  storePromise = undefined;
}

function failure(error: unknown): OtpFailure {
  if (error instanceof VaultLockedError) {
    return { ok: false, locked: true, error: 'Your codes are locked. Enter your PIN to unlock them.' };
  }
  // Messages from the store, the core and Chrome never contain secrets.
  return { ok: false, error: error instanceof Error ? error.message : String(error) };
}

function view(account: StoredOtpAccount) {
  return { ...accountToWire(account), id: account.id, order: account.order, createdAt: account.createdAt };
}

export async function handleOtpMessage(message: OtpMessage): Promise<unknown> {
  try {
    return await dispatch(message);
  } catch (error) {
    return failure(error);
  }
}

async function dispatch(message: OtpMessage): Promise<unknown> {
  switch (message.name) {
    case 'otp/list': {
      const accounts = (await (await otpStore()).list()).map(view);
      const { hostname } = message.payload;
      const siteScores: Record<string, number> = {};
      if (hostname) {
        for (const a of accounts) {
          const score = siteMatchScore(a, hostname);
          if (score > 0) siteScores[a.id] = score;
        }
      }
      return {
        ok: true,
        accounts,
        clockOffsetMs: await clockOffsetMs(),
        siteScores,
      } satisfies Response<'otp/list'>;
    }
    case 'otp/unlock':
      try {
        await unlockWithPin(await db(), unlockedKeyCache, message.payload.pin);
        return { ok: true } satisfies Response<'otp/unlock'>;
      } catch (error) {
        if (error instanceof PinError) return { ok: false, error: capitalize(error.message) };
        throw error;
      }
    case 'otp/add':
      return add(message.payload);
    case 'otp/update': {
      const { id, issuer, accountName } = message.payload;
      const updated = await (await otpStore()).update(id, { issuer, accountName });
      return updated ? { ok: true } : { ok: false, error: 'This account no longer exists.' };
    }
    case 'otp/delete':
      return { ok: true, deleted: await (await otpStore()).delete(message.payload.id) };
    case 'otp/reorder':
      await (await otpStore()).reorder(message.payload.ids);
      return { ok: true };
    case 'otp/next-hotp': {
      const account = await (await otpStore()).nextHotp(message.payload.id);
      return { ok: true, counter: account.counter } satisfies Response<'otp/next-hotp'>;
    }
    case 'otp/scan-tab':
      return scanTab(message.payload.tabId);
    case 'otp/fill':
      return fill(message.payload.id, message.payload.tabId);
    case 'otp/export':
      return exportAccounts(message.payload.format);
    case 'otp/clock-check':
      return checkClock(message.payload);
    case 'otp/set-clock-offset':
      await setClockOffsetMs(message.payload.offsetMs);
      return { ok: true };
    case 'otp/clear-clipboard-later':
      return { ok: await clearClipboardLater(message.payload.afterMs).catch(() => false) };
    default:
      return { ok: false, error: 'unknown message' };
  }
}

async function add(request: OtpProtocol['otp/add']['request']): Promise<Response<'otp/add'>> {
  const accounts = request.accounts.map(accountFromWire);
  const store = await otpStore();
  const result = await store.add(accounts, request.onDuplicate);
  const byId = new Map((await store.list()).map((a) => [a.id, a]));
  return {
    ok: true,
    added: result.addedIds.length,
    replaced: result.replaced,
    skipped: result.skipped,
    duplicates: result.duplicates.map((d) => {
      const existing = byId.get(d.existingId);
      return { ...d, existingLabel: existing ? accountLabel(existing) : 'an account' };
    }),
  };
}

async function scanTab(tabId?: number): Promise<Response<'otp/scan-tab'>> {
  const tab = await targetTab(tabId);
  if (!tab.active) return { ok: false, error: 'Show that tab first: only the visible page can be scanned.' };
  let dataUrl: string;
  try {
    dataUrl = await browser.tabs.captureVisibleTab(tab.windowId, { format: 'png' });
  } catch (error) {
    return { ok: false, error: tabError(error, 'scan') };
  }
  const blob = await (await fetch(dataUrl)).blob();
  return { ok: true, texts: findQrCodes(await pixelsOf(blob)) };
}

/** The codes to fill: the current one, and for TOTP/Steam the next one (for two code fields). */
async function codesFor(account: StoredOtpAccount): Promise<{ current: string; next: string | null }> {
  const pair = await accountCodePair(account, Date.now() + (await clockOffsetMs()));
  return { current: pair.current.code, next: account.kind === 'hotp' ? null : pair.next.code };
}

async function fill(id: string, tabId?: number): Promise<Response<'otp/fill'>> {
  const account = await (await otpStore()).get(id);
  if (!account) return { ok: false, error: 'This account no longer exists.' };
  const tab = await targetTab(tabId);
  if (tab.id === undefined) return { ok: false, error: 'No tab to fill.' };
  const { current, next } = await codesFor(account);
  let filled: number;
  try {
    ({ filled } = await fillTab(tab.id, current, next));
  } catch (error) {
    return { ok: false, error: tabError(error, 'fill codes into') };
  }
  if (filled === 0) {
    return {
      ok: false,
      error: 'No code field found on this page. Click into the code field, then try again.',
    };
  }
  return { ok: true, filled };
}

/** Alt+Shift+F: fills the best account for the tab's site, or the only account. */
export async function fillFromCommand(tab: browser.Tabs.Tab | undefined): Promise<void> {
  try {
    const target = tab?.id !== undefined ? tab : await targetTab();
    if (target.id === undefined) return;
    const accounts = await (await otpStore()).list();
    const account = bestAccountFor(accounts, tabHostname(target.url));
    if (!account) return;
    const { current, next } = await codesFor(account);
    await fillTab(target.id, current, next);
  } catch (error) {
    // No page to tell; the message never contains a secret or a code.
    console.warn('Tapkey: fill-code command failed:', error instanceof Error ? error.message : error);
  }
}

async function exportAccounts(
  format: OtpProtocol['otp/export']['request']['format'],
): Promise<Response<'otp/export'>> {
  const accounts = await (await otpStore()).list();
  if (format === 'uri-list')
    return { ok: true, format, text: exportUriList(accounts), count: accounts.length };
  if (format === 'aegis')
    return { ok: true, format, text: exportAegisJson(accounts), count: accounts.length };
  const { uris, issues } = encodeGoogleMigration(accounts);
  return {
    ok: true,
    format,
    uris,
    count: accounts.length - issues.length,
    left: issues.map((issue) => `${issue.where}: ${issue.message}`),
  };
}

async function checkClock(
  request: OtpProtocol['otp/clock-check']['request'],
): Promise<Response<'otp/clock-check'>> {
  let source: string;
  let sample: Awaited<ReturnType<typeof sampleUrl>>;
  if (request.url !== undefined && request.url.trim() !== '') {
    source = new URL(request.url.trim()).origin;
    try {
      sample = await sampleUrl(request.url.trim());
    } catch (error) {
      return {
        ok: false,
        error: `Could not read the time from ${source} (${error instanceof Error ? error.message : error}). Open that site in a tab and check with it instead.`,
      };
    }
  } else {
    const tab = await targetTab(request.tabId);
    if (tab.id === undefined || !/^https?:/.test(tab.url ?? 'http:')) {
      return { ok: false, error: 'Open a web page in the tab first, or enter a URL.' };
    }
    try {
      sample = await sampleTab(tab.id);
    } catch (error) {
      return { ok: false, error: tabError(error, 'ask the time from') };
    }
    source = tab.url ? new URL(tab.url).origin : 'the page’s server';
  }
  return { ok: true, offsetMs: offsetFromSample(sample), source, currentOffsetMs: await clockOffsetMs() };
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1) + (s.endsWith('.') ? '' : '.');
}
