/** The popup's Passkeys and Settings tabs: passkeys, the PIN, auto-lock, the bypass list, reset. */

import { t } from '../../i18n/messages.ts';
import type { Handlers, RuntimeRequest, RuntimeResponse } from '../../messages/protocol.ts';
import { summaryView } from '../../messages/summary-view.ts';
import type { SettingsView } from '../../messages/views.ts';
import { renameCredential } from '../../storage/rename-credential.ts';
import { restoreCredential } from '../../storage/signal-credentials.ts';
import { PinError } from '../../storage/vault-key.ts';
import { sentence } from '../sentence.ts';
import type { AutoLock } from '../vault/auto-lock.ts';
import type { Vault } from '../vault/vault.ts';
import { bypassOrigins, setBypass } from './bypass.ts';
import { autoLockMinutes, lastBackupAt, setAutoLockMinutes } from './preferences.ts';

type SettingsName =
  | 'credentials/list'
  | 'credentials/delete'
  | 'credentials/restore'
  | 'credentials/rename'
  | 'settings/get'
  | 'settings/set-pin'
  | 'settings/remove-pin'
  | 'settings/auto-lock'
  | 'settings/bypass'
  | 'settings/reset'
  | 'vault/lock';

async function pinChange(change: () => Promise<void>): Promise<{ ok: true } | { ok: false; error: string }> {
  try {
    await change();
    return { ok: true };
  } catch (e) {
    if (e instanceof PinError) return { ok: false, error: sentence(e.message) };
    throw e;
  }
}

export function settingsHandlers(vault: Vault, autoLock: AutoLock): Handlers<SettingsName> {
  async function settings(): Promise<SettingsView> {
    const [store, backupAt] = await Promise.all([vault.credentials(), lastBackupAt()]);
    // Counted through indexes: Settings and the Passkeys tab open as fast with 10,000 passkeys.
    const counts = await store.countSince(backupAt);
    return {
      pinSet: await vault.pinIsSet(),
      pinRetries: await vault.pinRetries(),
      locked: await vault.isLocked(),
      bypassOrigins: await bypassOrigins(),
      autoLockMinutes: await autoLockMinutes(),
      lastBackupAt: backupAt,
      passkeyCount: counts.all,
      passkeysSinceBackup: counts.since,
    };
  }

  return {
    'credentials/list': async ({ after, limit }) => {
      const page = await (await vault.credentials()).listPage(after, limit);
      const passkeys = page.summaries.map(summaryView);
      return page.next ? { passkeys, next: page.next } : { passkeys };
    },
    'credentials/delete': async ({ id }) => ({ deleted: await (await vault.credentials()).delete(id) }),
    'credentials/restore': async ({ id }) => ({ restored: await restoreCredential(await vault.db(), id) }),
    'credentials/rename': async ({ id, userDisplayName }) =>
      (await renameCredential(await vault.db(), id, userDisplayName))
        ? { ok: true }
        : { ok: false, error: t('error_passkeyNoLonger') },
    'settings/get': settings,
    'settings/set-pin': async (request: RuntimeRequest<'settings/set-pin'>) => {
      const done: RuntimeResponse<'settings/set-pin'> = await pinChange(() =>
        vault.setPin(request.newPin, request.currentPin),
      );
      if (done.ok) await autoLock.rearm();
      return done;
    },
    'settings/remove-pin': ({ currentPin }) => pinChange(() => vault.removePin(currentPin)),
    'settings/auto-lock': async ({ minutes }) => {
      await setAutoLockMinutes(minutes);
      await autoLock.rearm();
      return settings();
    },
    'vault/lock': async () => {
      await vault.lock();
      return settings();
    },
    'settings/bypass': async ({ origin, bypass }) => {
      await setBypass(origin, bypass);
      return settings();
    },
    'settings/reset': async () => {
      await vault.reset();
      return settings();
    },
  };
}
