import { t, uiLocale } from '../src/i18n/messages.ts';

/** Text the popup shows: dates, host names, counts, codes, account labels and error messages. */

/** One formatter for every date: building one costs about a millisecond, and a list may show thousands. */
let dateFormat: Intl.DateTimeFormat | undefined;

export function formatDate(ms: number | null): string {
  if (ms === null) return t('common_never');
  dateFormat ??= new Intl.DateTimeFormat(uiLocale(), { dateStyle: 'medium', timeStyle: 'short' });
  return dateFormat.format(ms);
}

/** Today as YYYY-MM-DD, for file names. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function hostnameOf(url: string): string | undefined {
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
}

/** The host name of an origin, or the origin itself if it does not parse. */
export function host(origin: string): string {
  return hostnameOf(origin) ?? origin;
}

export { webHostname } from '../src/shared/web-hostname.ts';

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** An error's message as a sentence. */
export function errorText(error: unknown): string {
  return capitalize(messageOf(error));
}

/** Groups a code for reading: 123 456, 1234 5678, 123 4567; Steam's 5 letters stay as they are. */
export function groupCode(code: string): string {
  if (code.length === 6 || code.length === 7) return `${code.slice(0, 3)} ${code.slice(3)}`;
  if (code.length === 8) return `${code.slice(0, 4)} ${code.slice(4)}`;
  return code;
}

/** "GitHub: alice", or whichever part exists. */
export function label(account: { issuer: string; accountName: string }): string {
  if (account.issuer && account.accountName) return `${account.issuer}: ${account.accountName}`;
  return account.issuer || account.accountName || t('common_unnamedAccount');
}
