/**
 * Sends new accounts to the vault and, when some duplicate stored ones, lets the user decide: skip them,
 * add them anyway, or replace the stored ones. Used by every way of adding (scan, file, paste, manual,
 * backup import).
 */
import { send } from '../../src/messages/client.ts';
import { accountToWire } from '../../src/messages/otp-account-wire.ts';
import type { ImportIssue, OtpAccount } from '../../src/totp/types.ts';
import { plural } from '../format.ts';
import { askAboutDuplicates } from './duplicates-dialog.ts';

export interface AddOutcome {
  added: number;
  replaced: number;
  skipped: number;
}

/** "Imported 12 accounts; 2 skipped: line 3: …". */
export function summary(outcome: AddOutcome, issues: readonly ImportIssue[] = []): string {
  const parts = [`Added ${plural(outcome.added, 'account')}`];
  if (outcome.replaced) parts.push(`replaced ${outcome.replaced}`);
  const skipped = outcome.skipped + issues.length;
  let text = parts.join(', ');
  if (skipped) text += `; ${skipped} skipped`;
  if (issues.length) text += `: ${issues.map((i) => `${i.where}: ${i.message}`).join('; ')}`;
  return `${text}.`;
}

/**
 * Adds `accounts`; if some are duplicates, shows the choice in `panel` and resolves once the user
 * has chosen. Rejects with the worker's error message.
 */
export async function addAccounts(accounts: readonly OtpAccount[], panel: HTMLElement): Promise<AddOutcome> {
  const first = await send('otp/add', { accounts: accounts.map(accountToWire), onDuplicate: 'ask' });
  if (!first.ok) throw new Error(first.error);
  const outcome: AddOutcome = { added: first.added, replaced: first.replaced, skipped: first.skipped };
  if (first.duplicates.length === 0) return outcome;

  const duplicates = first.duplicates;
  const policy = await askAboutDuplicates(duplicates, accounts, panel);
  panel.replaceChildren();
  if (policy === 'skip') return { ...outcome, skipped: outcome.skipped + duplicates.length };
  const again = duplicates.flatMap((d) => (accounts[d.index] ? [accounts[d.index]!] : []));
  const second = await send('otp/add', { accounts: again.map(accountToWire), onDuplicate: policy });
  if (!second.ok) throw new Error(second.error);
  return {
    added: outcome.added + second.added,
    replaced: outcome.replaced + second.replaced,
    skipped: outcome.skipped + second.skipped,
  };
}
