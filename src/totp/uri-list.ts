/** A plain text list of `otpauth://` URIs, one per line: the simplest backup, and what many apps export. */
import { decodeGoogleMigration } from './google-migration.ts';
import { parseOtpauthUri, writeOtpauthUri } from './otpauth-uri.ts';
import type { ImportResult, OtpAccount } from './types.ts';

/**
 * Reads one URI per line. Blank lines, surrounding whitespace and `#` comment lines are skipped;
 * `otpauth-migration://` lines (Google Authenticator exports) are expanded. A bad line does not stop
 * the import: it is reported with its line number and the good lines are kept.
 */
export function importUriList(text: string): ImportResult {
  const result: ImportResult = { accounts: [], issues: [] };
  text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const where = `line ${i + 1}`;
    try {
      if (/^otpauth-migration:/i.test(line)) {
        const batch = decodeGoogleMigration(line);
        result.accounts.push(...batch.accounts);
        for (const issue of batch.issues)
          result.issues.push({ where: `${where}, ${issue.where}`, message: issue.message });
      } else {
        result.accounts.push(parseOtpauthUri(line));
      }
    } catch (error) {
      result.issues.push({ where, message: error instanceof Error ? error.message : String(error) });
    }
  });
  return result;
}

/** Writes one canonical `otpauth://` URI per line (see {@link writeOtpauthUri}), ending with a newline. */
export function exportUriList(accounts: readonly OtpAccount[]): string {
  return accounts.map((account) => `${writeOtpauthUri(account)}\n`).join('');
}
