/** Fills an account's code into a tab: from the popup's Fill button, or the Alt+Shift+F command. */
import type browser from 'webextension-polyfill';
import { t } from '../../i18n/messages.ts';
import type { RuntimeResponse } from '../../messages/protocol.ts';
import { webHostname } from '../../shared/web-hostname.ts';
import type { IdbOtpStore, StoredOtpAccount } from '../../storage/otp-store.ts';
import { accountCodePair } from '../../totp/account-code.ts';
import { clockOffsetMs } from './clock.ts';
import { fillTab } from './fill.ts';
import { fillTarget } from './match.ts';
import { tabError, targetTab } from './tabs.ts';

/** The codes to fill: the current one, and for TOTP/Steam the next one (for two code fields). */
async function codesFor(account: StoredOtpAccount): Promise<{ current: string; next: string | null }> {
  const pair = await accountCodePair(account, Date.now() + (await clockOffsetMs()));
  return { current: pair.current.code, next: account.kind === 'hotp' ? null : pair.next.code };
}

export async function fillAccount(
  store: IdbOtpStore,
  id: string,
  tabId?: number,
): Promise<RuntimeResponse<'otp/fill'>> {
  const account = await store.get(id);
  if (!account) return { ok: false, error: t('error_accountGone') };
  const tab = await targetTab(tabId);
  if (tab.id === undefined) return { ok: false, error: t('error_noTabToFill') };
  const { current, next } = await codesFor(account);
  let filled: number;
  try {
    ({ filled } = await fillTab(tab.id, current, next));
  } catch (error) {
    return { ok: false, error: tabError(error, 'fill') };
  }
  if (filled === 0) {
    return {
      ok: false,
      error: t('error_noCodeField'),
    };
  }
  return { ok: true, filled };
}

/** Alt+Shift+F: fills the one account bound to the tab's site, or nothing (match.ts). */
export async function fillFromCommand(store: IdbOtpStore, tab: browser.Tabs.Tab | undefined): Promise<void> {
  try {
    const target = tab?.id !== undefined ? tab : await targetTab();
    if (target.id === undefined) return;
    const account = fillTarget(await store.list(), webHostname(target.url));
    if (!account) return;
    const { current, next } = await codesFor(account);
    await fillTab(target.id, current, next);
  } catch (error) {
    // No page to tell; the message never contains a secret or a code.
    console.warn('Tapkey: fill-code command failed:', error instanceof Error ? error.message : error);
  }
}
