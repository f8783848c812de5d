/**
 * Which accounts belong to the site in the current tab: the worker scores them for the popup, which
 * lists them first, and the fill command picks the best one.
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
 * Evidence strong enough to fill a code without the user choosing the account (the keyboard
 * command): the account's icon is on this site, its issuer names the site's registrable name as is
 * (so `github-login-secure.com` or `git-hub.com` never get GitHub's code), or its e-mail is on it.
 * The fuzzy `siteMatchScore` only orders the list, where the user still picks.
 */
export function strictMatchScore(account: MatchableAccount, hostname: string): number {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  const parsed = parse(host);
  if (!parsed.domain || !parsed.domainWithoutSuffix) return 0;
  const domain = parsed.domain;
  const onSite = (other: string | null) =>
    other !== null && (other === domain || other.endsWith(`.${domain}`));
  const image = account.extra.image;
  if (image && onSite(hostOf(image))) return 3;
  const name = parsed.domainWithoutSuffix;
  const issuer = account.issuer.toLowerCase().replace(/\s+/g, '');
  if (name.length >= 3 && issuer.includes(name)) return 2;
  const at = account.accountName.lastIndexOf('@');
  if (at !== -1 && onSite(account.accountName.slice(at + 1).toLowerCase())) return 1;
  return 0;
}

/**
 * The account the fill command uses: the one best matching the site on strict evidence, or none.
 * Ties go to the user's order (the first in `accounts`).
 */
export function bestAccountFor<T extends MatchableAccount>(
  accounts: readonly T[],
  hostname: string,
): T | undefined {
  let best: T | undefined;
  let bestScore = 0;
  for (const account of accounts) {
    const score = strictMatchScore(account, hostname);
    if (score > bestScore) {
      best = account;
      bestScore = score;
    }
  }
  return best;
}
