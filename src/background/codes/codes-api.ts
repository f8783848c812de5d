/**
 * The popup's `otp/*` messages. The popup computes the codes it shows itself (it gets the secrets in
 * `otp/list`): asking the worker every second would cost a message round trip and a structured clone
 * of 1,000 codes per tick, and an idle-stopped worker would have to reopen the vault first. The
 * popup is an extension page, as trusted as the worker. The worker computes codes only to fill them
 * into a page, so the page never talks to the popup.
 */

import { t } from '../../i18n/messages.ts';
import { accountFromWire, accountToWire } from '../../messages/otp-account-wire.ts';
import type {
  Handlers,
  OtpFailure,
  RuntimeName,
  RuntimeRequest,
  RuntimeResponse,
} from '../../messages/protocol.ts';
import type { OtpAccountView } from '../../messages/views.ts';
import { platform } from '../../platform/index.ts';
import type { IdbOtpStore, StoredOtpAccount } from '../../storage/otp-store.ts';
import { PinError, VaultLockedError } from '../../storage/vault-key.ts';
import { accountLabel } from '../../totp/account-label.ts';
import { displayOrder } from '../../totp/display-order.ts';
import { sentence } from '../sentence.ts';
import type { Vault } from '../vault/vault.ts';
import { checkClock } from './check-clock.ts';
import { clockOffsetMs, setClockOffsetMs } from './clock.ts';
import { exportAccounts } from './export-accounts.ts';
import { fillAccount } from './fill-account.ts';
import { siteMatcher, siteOfTyped } from './match.ts';
import { scanTab } from './scan-tab.ts';

type OtpName = Extract<RuntimeName, `otp/${string}`>;

function failure(error: unknown): OtpFailure {
  if (error instanceof VaultLockedError) {
    return { ok: false, locked: true, error: t('error_codesLocked') };
  }
  if (error instanceof PinError)
    return { ok: false, error: sentence(error.message), needsPin: error.reason === 'wrong' };
  // Messages from the store, the core and Chrome never contain secrets.
  return { ok: false, error: error instanceof Error ? error.message : String(error) };
}

function view(account: StoredOtpAccount): OtpAccountView {
  const { id, order, createdAt, sites, pinned } = account;
  return { ...accountToWire(account), id, order, createdAt, sites, pinned };
}

/** How well each account matches the site at `hostname`, for those that match at all. */
function scoresFor(
  accounts: readonly StoredOtpAccount[],
  hostname: string | undefined,
): Record<string, number> {
  const siteScores: Record<string, number> = {};
  if (!hostname) return siteScores;
  const scoreOf = siteMatcher(hostname);
  for (const a of accounts) {
    const score = scoreOf(a);
    if (score > 0) siteScores[a.id] = score;
  }
  return siteScores;
}

async function list(
  store: IdbOtpStore,
  { hostname, first }: RuntimeRequest<'otp/list'>,
): Promise<RuntimeResponse<'otp/list'>> {
  const stored = await store.list();
  const siteScores = scoresFor(stored, hostname);
  const shown = first === undefined ? stored : displayOrder(stored, siteScores).slice(0, first);
  return {
    ok: true,
    accounts: shown.map(view),
    total: stored.length,
    clockOffsetMs: await clockOffsetMs(),
    siteScores,
  };
}

async function add(
  store: IdbOtpStore,
  request: RuntimeRequest<'otp/add'>,
): Promise<RuntimeResponse<'otp/add'>> {
  // Accounts scanned from a tab belong to that tab's site (match.ts).
  const site = request.site === undefined ? null : siteOfTyped(request.site);
  const accounts = request.accounts.map(accountFromWire);
  const result = await store.add(accounts, request.onDuplicate, Date.now(), site ? [site] : []);
  const byId = new Map((await store.list()).map((a) => [a.id, a]));
  return {
    ok: true,
    added: result.addedIds.length,
    replaced: result.replaced,
    skipped: result.skipped,
    duplicates: result.duplicates.map((d) => {
      const existing = byId.get(d.existingId);
      return { ...d, existingLabel: existing ? accountLabel(existing) : t('error_anAccount') };
    }),
  };
}

/** Every handler's failure, a locked vault included, becomes an answer the popup can show. */
function answering<K extends OtpName>(handlers: Handlers<K>): Handlers<K> {
  const wrapped = {} as Record<K, (payload: never) => Promise<unknown>>;
  for (const name of Object.keys(handlers) as K[]) {
    const handle = handlers[name] as (payload: never) => Promise<unknown>;
    wrapped[name] = (payload) => handle(payload).catch(failure);
  }
  return wrapped as Handlers<K>;
}

export function codesHandlers(vault: Vault): Handlers<OtpName> {
  const store = () => vault.codes();
  return answering({
    'otp/list': async (request) => list(await store(), request),
    'otp/unlock': async ({ pin }) => {
      await vault.unlock(pin);
      return { ok: true };
    },
    'otp/add': async (request) => add(await store(), request),
    'otp/update': async ({ id, issuer, accountName }) =>
      (await (await store()).update(id, { issuer, accountName }))
        ? { ok: true }
        : { ok: false, error: t('error_accountGone') },
    'otp/delete': async ({ id }) => ({ ok: true, deleted: await (await store()).delete(id) }),
    'otp/set-sites': async ({ id, sites }) => {
      const clean: string[] = [];
      for (const typed of sites) {
        const site = siteOfTyped(typed);
        if (!site) return { ok: false, error: t('error_notASite', typed) };
        clean.push(site);
      }
      const unique = [...new Set(clean)].sort();
      const found = await (await store()).setSites(id, unique);
      return found ? { ok: true, sites: unique } : { ok: false, error: t('error_accountGone') };
    },
    'otp/reorder': async ({ ids }) => {
      await (await store()).reorder(ids);
      return { ok: true };
    },
    'otp/pin': async ({ id, pinned }) =>
      (await (await store()).setPinned(id, pinned))
        ? { ok: true }
        : { ok: false, error: t('error_accountGone') },
    'otp/next-hotp': async ({ id }) => ({ ok: true, counter: (await (await store()).nextHotp(id)).counter }),
    'otp/scan-tab': ({ tabId }) => scanTab(tabId),
    'otp/fill': async ({ id, tabId }) => fillAccount(await store(), id, tabId),
    'otp/export': async ({ format, pin }) => {
      // An export is every secret at once, as sensitive as a signature: the PIN again, if one is set.
      if (await vault.pinIsSet()) {
        if (!pin) return { ok: false, error: t('error_enterPinExport'), needsPin: true };
        await vault.unlock(pin);
      }
      return exportAccounts(await (await store()).list(), format);
    },
    'otp/clock-check': checkClock,
    'otp/set-clock-offset': async ({ offsetMs }) => {
      await setClockOffsetMs(offsetMs);
      return { ok: true };
    },
    'otp/clear-clipboard-later': async ({ afterMs }) => ({
      ok: await platform.clearClipboardLater(afterMs).catch(() => false),
    }),
  });
}
