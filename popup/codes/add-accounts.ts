/**
 * Sends new accounts to the vault and, when some duplicate stored ones, lets the user decide: skip them,
 * add them anyway, or replace the stored ones. Used by every way of adding (scan, file, paste, manual,
 * backup import).
 */
import { send } from '../../src/messages/client.ts';
import { accountToWire, type OtpDuplicatePolicy } from '../../src/messages/otp-protocol.ts';
import type { ImportIssue, OtpAccount } from '../../src/totp/types.ts';
import { h } from '../dom.ts';
import { label } from './format.ts';

export interface AddOutcome {
  added: number;
  replaced: number;
  skipped: number;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
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
  const policy = await new Promise<OtpDuplicatePolicy>((resolve) => {
    const choose = (p: OtpDuplicatePolicy) => () => resolve(p);
    const heading = h(
      'h3',
      { id: 'dup-title', tabIndex: -1 },
      duplicates.length === 1
        ? 'This account is already here'
        : `${duplicates.length} accounts are already here`,
    );
    panel.replaceChildren(
      h(
        'section',
        { className: 'duplicates', role: 'alertdialog', 'aria-labelledby': 'dup-title' },
        heading,
        h(
          'ul',
          {},
          ...duplicates.map((d) => {
            const account = accounts[d.index];
            const why = d.reason === 'secret' ? 'same secret as' : 'same issuer and account name as';
            return h('li', {}, `${account ? label(account) : 'An account'}: ${why} ${d.existingLabel}`);
          }),
        ),
        h(
          'div',
          { className: 'actions' },
          h('button', { type: 'button', id: 'dup-skip', onclick: choose('skip') }, 'Skip'),
          h('button', { type: 'button', id: 'dup-add', onclick: choose('add') }, 'Add anyway'),
          h(
            'button',
            { type: 'button', id: 'dup-replace', className: 'primary', onclick: choose('replace') },
            'Replace',
          ),
        ),
      ),
    );
    heading.focus();
  });
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
