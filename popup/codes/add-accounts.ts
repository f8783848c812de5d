/**
 * Sends new accounts to the vault and, when some duplicate stored ones, lets the user decide: skip them,
 * add them anyway, or replace the stored ones. Used by every way of adding (scan, file, paste, manual,
 * backup import).
 */

import { t, tn } from '../../src/i18n/messages.ts';
import { send } from '../../src/messages/client.ts';
import { accountWireProblem } from '../../src/messages/guards.ts';
import { accountToWire } from '../../src/messages/otp-account-wire.ts';
import type { OtpDuplicatePolicy, RuntimeRequest } from '../../src/messages/protocol.ts';
import type { ImportIssue, OtpAccount } from '../../src/totp/types.ts';
import { label } from '../format.ts';
import { askAboutDuplicates } from './duplicates-dialog.ts';

export interface AddOutcome {
  added: number;
  replaced: number;
  skipped: number;
  /** Accounts that cannot be stored as they are, each with the reason. */
  rejected: ImportIssue[];
}

/** "Added 12 accounts; 2 skipped:" and then each entry left out, one line each. */
export function summary(outcome: AddOutcome, issues: readonly ImportIssue[] = []): string {
  const all = [...issues, ...outcome.rejected];
  const parts = [t('add_added', tn('count_accounts', outcome.added))];
  if (outcome.replaced) parts.push(t('add_replaced', outcome.replaced));
  const skipped = outcome.skipped + all.length;
  let text = parts.reduce((earlier, next) => t('add_listJoin', earlier, next));
  if (skipped) text = t('add_skipped', text, skipped);
  if (all.length === 0) return t('add_summaryEnd', text);
  return `${t('add_summaryIssues', text)}\n${all.map((i) => t('add_issue', i.where, i.message)).join('\n')}`;
}

/**
 * Adds `accounts`; if some are duplicates, shows the choice in `panel` and resolves once the user
 * has chosen. Rejects with the worker's error message.
 */
export async function addAccounts(
  given: readonly OtpAccount[],
  panel: HTMLElement,
  site?: string,
): Promise<AddOutcome> {
  const rejected: ImportIssue[] = [];
  const accounts = given.filter((account) => {
    const problem = accountWireProblem(accountToWire(account));
    if (problem) rejected.push({ where: label(account), message: problem });
    return problem === null;
  });
  const request = (list: readonly OtpAccount[], onDuplicate: OtpDuplicatePolicy) => {
    const r: RuntimeRequest<'otp/add'> = { accounts: list.map(accountToWire), onDuplicate };
    if (site) r.site = site;
    return send('otp/add', r);
  };
  const first = await request(accounts, 'ask');
  if (!first.ok) throw new Error(first.error);
  const outcome: AddOutcome = {
    added: first.added,
    replaced: first.replaced,
    skipped: first.skipped,
    rejected,
  };
  if (first.duplicates.length === 0) return outcome;

  const duplicates = first.duplicates;
  const policy = await askAboutDuplicates(duplicates, accounts, panel);
  panel.replaceChildren();
  if (policy === 'skip') return { ...outcome, skipped: outcome.skipped + duplicates.length };
  const again = duplicates.flatMap((d) => (accounts[d.index] ? [accounts[d.index]!] : []));
  const second = await request(again, policy);
  if (!second.ok) throw new Error(second.error);
  return {
    added: outcome.added + second.added,
    replaced: outcome.replaced + second.replaced,
    skipped: outcome.skipped + second.skipped,
    rejected,
  };
}
