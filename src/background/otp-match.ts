/**
 * Which accounts belong to the site in the current tab: the popup lists them first and the fill
 * command picks the best one. Pure; used by the popup and the worker.
 */
import { parse } from 'tldts';

export interface MatchableAccount {
  issuer: string;
  accountName: string;
  extra: Record<string, string>;
}

/** Letters and digits only: "Amazon Web Services" → "amazonwebservices". */
function squash(text: string): string {
  return text.toLocaleLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * 0 for no match; higher is better. 3: the account's icon (`extra.image`) is on the site's registrable
 * domain; 2: the issuer names the site ("GitHub" on github.com, "Amazon Web Services" on
 * console.aws.amazon.com); 1: the account name's email domain is the site's.
 */
export function siteMatchScore(account: MatchableAccount, hostname: string): number {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === '') return 0;
  const parsed = parse(host);
  const domain = parsed.domain ?? host;
  const name = parsed.domainWithoutSuffix ?? host;
  const onSite = (other: string | null) =>
    other !== null && (other === domain || other.endsWith(`.${domain}`));
  const image = account.extra.image;
  if (image && onSite(hostOf(image))) return 3;
  const issuer = squash(account.issuer);
  const site = squash(name);
  if (site.length >= 3 && issuer.length >= 3 && (issuer.includes(site) || site.includes(issuer))) return 2;
  const at = account.accountName.lastIndexOf('@');
  if (at !== -1 && onSite(account.accountName.slice(at + 1).toLowerCase())) return 1;
  return 0;
}

/** The hostname of a tab URL, or '' for none / non-web pages. */
export function tabHostname(url: string | undefined): string {
  if (!url || !/^https?:/i.test(url)) return '';
  return hostOf(url) ?? '';
}

/**
 * The account the fill command uses: the best match for the site, or the only account there is.
 * Ties go to the user's order (the first in `accounts`).
 */
export function bestAccountFor<T extends MatchableAccount>(
  accounts: readonly T[],
  hostname: string,
): T | undefined {
  let best: T | undefined;
  let bestScore = 0;
  for (const account of accounts) {
    const score = siteMatchScore(account, hostname);
    if (score > bestScore) {
      best = account;
      bestScore = score;
    }
  }
  return best ?? (accounts.length === 1 ? accounts[0] : undefined);
}
