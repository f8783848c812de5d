/** The popup's Passkeys and Settings tabs: list and delete passkeys, the PIN, the bypass list, reset. */
import type { Handlers, RuntimeRequest, RuntimeResponse } from '../../messages/protocol.ts';
import { summaryView } from '../../messages/summary-view.ts';
import type { SettingsView } from '../../messages/views.ts';
import { PinError } from '../../storage/vault-key.ts';
import { sentence } from '../sentence.ts';
import type { Vault } from '../vault/vault.ts';
import { bypassOrigins, setBypass } from './bypass.ts';

type SettingsName =
  | 'credentials/list'
  | 'credentials/delete'
  | 'settings/get'
  | 'settings/set-pin'
  | 'settings/bypass'
  | 'settings/reset';

export function settingsHandlers(vault: Vault): Handlers<SettingsName> {
  async function settings(): Promise<SettingsView> {
    return {
      pinSet: await vault.pinIsSet(),
      pinRetries: await vault.pinRetries(),
      locked: await vault.isLocked(),
      bypassOrigins: await bypassOrigins(),
    };
  }

  async function changePin(
    request: RuntimeRequest<'settings/set-pin'>,
  ): Promise<RuntimeResponse<'settings/set-pin'>> {
    try {
      await vault.setPin(request.newPin, request.currentPin);
      return { ok: true };
    } catch (e) {
      if (e instanceof PinError) return { ok: false, error: sentence(e.message) };
      throw e;
    }
  }

  return {
    'credentials/list': async () => (await (await vault.credentials()).listAll()).map(summaryView),
    'credentials/delete': async ({ id }) => ({ deleted: await (await vault.credentials()).delete(id) }),
    'settings/get': settings,
    'settings/set-pin': changePin,
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
