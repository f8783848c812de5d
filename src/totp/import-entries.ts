/**
 * The importer loop of the JSON backup formats (Aegis, 2FAS, Authenticator extension): each entry goes
 * through its format's reader; what it returns is kept, and what it throws becomes an
 * {@link ImportIssue} naming the entry ("entry 3 (GitHub: alice)").
 */
import { accountLabel } from './account-label.ts';
import { isObject, type JsonObject, typeName } from './json.ts';
import type { ImportResult, OtpAccount } from './types.ts';

/** How one backup format names and reads its entries. */
export interface EntryFormat {
  /** What the format calls an entry, for issues: 'entry', 'service'. */
  noun: string;
  /** The entry's name for issues, '' when it has none; see {@link entryLabel}. */
  label(entry: JsonObject): string;
  /**
   * The entry's account.
   * @throws TypeError saying what is wrong with the entry (the message must not contain the secret).
   */
  read(entry: JsonObject): OtpAccount;
}

/** Reads every entry with `format`; an entry that is not a JSON object is an issue too. */
export function importEntries(entries: readonly unknown[], format: EntryFormat): ImportResult {
  const result: ImportResult = { accounts: [], issues: [] };
  entries.forEach((entry, i) => {
    const label = isObject(entry) ? format.label(entry) : '';
    const where = label ? `${format.noun} ${i + 1} (${label})` : `${format.noun} ${i + 1}`;
    try {
      if (!isObject(entry)) {
        throw new TypeError(`the ${format.noun} is a ${typeName(entry)}; expected an object`);
      }
      result.accounts.push(format.read(entry));
    } catch (error) {
      result.issues.push({ where, message: error instanceof Error ? error.message : String(error) });
    }
  });
  return result;
}

/** "Issuer: account" from an entry's issuer and account-name fields, skipping any that is not text. */
export function entryLabel(issuer: unknown, accountName: unknown): string {
  const fields = {
    issuer: typeof issuer === 'string' ? issuer : '',
    accountName: typeof accountName === 'string' ? accountName : '',
  };
  return fields.issuer || fields.accountName ? accountLabel(fields) : '';
}
