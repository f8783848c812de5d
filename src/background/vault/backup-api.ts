/**
 * Backup and restore of everything, in the worker: private keys are opened and sealed here and never
 * reach the popup, which sends the passphrase and gets the sealed file. With a PIN set, the PIN is
 * asked again for every export and restore, as for a signature.
 */
import { BackupError, openBackup, sealBackup } from '../../backup/backup-file.ts';
import { cxfToPayload, payloadToCxf } from '../../backup/cxf-payload.ts';
import { t } from '../../i18n/messages.ts';
import type { BackupFailure, Handlers } from '../../messages/protocol.ts';
import { PinError, VaultLockedError } from '../../storage/vault-key.ts';
import { sentence } from '../sentence.ts';
import { bypassOrigins, setBypass } from '../settings/bypass.ts';
import { setLastBackupAt } from '../settings/preferences.ts';
import type { Vault } from './vault.ts';

type BackupName =
  | 'backup/export'
  | 'backup/export-cxf'
  | 'backup/import-cxf'
  | 'backup/inspect'
  | 'backup/restore';

function failure(e: unknown): BackupFailure {
  if (e instanceof BackupError) return { ok: false, error: sentence(e.message) };
  if (e instanceof VaultLockedError) return { ok: false, error: t('error_enterPin'), needsPin: true };
  if (e instanceof PinError) {
    const out: BackupFailure = { ok: false, error: sentence(e.message), needsPin: e.reason === 'wrong' };
    if (e.retriesLeft !== undefined) out.retriesLeft = e.retriesLeft;
    return out;
  }
  throw e;
}

/** With a PIN set, the PIN again (it counts towards the block like any attempt). */
async function confirmPin(vault: Vault, pin: string | undefined): Promise<BackupFailure | undefined> {
  if (!(await vault.pinIsSet())) return undefined;
  if (!pin) return { ok: false, error: t('error_enterPinContinue'), needsPin: true };
  await vault.unlock(pin);
  return undefined;
}

function fileName(now: Date): string {
  return `tapkey-backup-${now.toISOString().slice(0, 10)}.tapkey-backup`;
}

export function backupHandlers(vault: Vault): Handlers<BackupName> {
  return {
    'backup/export': async ({ passphrase, pin }) => {
      try {
        const refused = await confirmPin(vault, pin);
        if (refused) return refused;
        const payload = await vault.exportAll({ bypassOrigins: await bypassOrigins() });
        const now = new Date();
        const text = await sealBackup(payload, passphrase, { now });
        await setLastBackupAt(now.getTime());
        return {
          ok: true,
          text,
          fileName: fileName(now),
          passkeys: payload.passkeys.length,
          accounts: payload.accounts.length,
        };
      } catch (e) {
        return failure(e);
      }
    },
    'backup/export-cxf': async ({ pin }) => {
      try {
        const refused = await confirmPin(vault, pin);
        if (refused) return refused;
        const payload = await vault.exportAll({ bypassOrigins: [] });
        const now = new Date();
        const { document, leftOut } = payloadToCxf(payload, now.getTime());
        return {
          ok: true,
          text: `${JSON.stringify(document, null, 2)}\n`,
          fileName: `tapkey-cxf-${now.toISOString().slice(0, 10)}.json`,
          passkeys: payload.passkeys.length - leftOut.filter((l) => l.kind === 'passkey').length,
          accounts: payload.accounts.length - leftOut.filter((l) => l.kind === 'account').length,
          leftOut,
        };
      } catch (e) {
        return failure(e);
      }
    },
    'backup/import-cxf': async ({ text, pin }) => {
      try {
        const refused = await confirmPin(vault, pin);
        if (refused) return refused;
        const { payload, issues } = cxfToPayload(text, Date.now());
        const result = await vault.restore(payload, 'skip', 'as-given');
        return { ok: true, result, issues: issues.map((i) => `${i.where}: ${i.message}`) };
      } catch (e) {
        if (e instanceof TypeError || e instanceof SyntaxError)
          return { ok: false, error: sentence(e.message) };
        return failure(e);
      }
    },
    'backup/inspect': async ({ text, passphrase, pin }) => {
      try {
        const refused = await confirmPin(vault, pin);
        if (refused) return refused;
        const { header, payload } = await openBackup(text, passphrase);
        return { ok: true, createdAt: header.createdAt, plan: await vault.planRestore(payload) };
      } catch (e) {
        return failure(e);
      }
    },
    'backup/restore': async ({ text, passphrase, pin, onDuplicate }) => {
      try {
        const refused = await confirmPin(vault, pin);
        if (refused) return refused;
        const { payload } = await openBackup(text, passphrase);
        const result = await vault.restore(payload, onDuplicate);
        for (const origin of payload.settings.bypassOrigins) await setBypass(origin, true);
        return { ok: true, result };
      } catch (e) {
        return failure(e);
      }
    },
  };
}
