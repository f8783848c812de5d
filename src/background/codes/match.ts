/**
 * Which accounts belong to the site in the current tab: the worker scores them for the popup, which
 * lists them first, and the fill command picks the best one on stricter evidence.
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

/** The hostname of a tab URL, or '' for none / non-web pages. */
export function tabHostname(url: string | undefined): string {
  if (!url || !/^https?:/i.test(url)) return '';
  return hostOf(url) ?? '';
}

interface Site {
  /** Registrable domain ("github.com"), or the host itself where there is none (localhost). */
  domain: string;
  /** The domain without its public suffix ("github"). */
  name: string;
}

type IssuerRule = (issuer: string, site: Site) => boolean;

/**
 * 0 for no match; higher is better. 3: the account's icon (`extra.image`) is on the site's registrable
 * domain; 2: the issuer names the site by `issuerNames`; 1: the account name's e-mail domain is the site's.
 */
function score(account: MatchableAccount, site: Site, issuerNames: IssuerRule): number {
  const onSite = (other: string | null) =>
    other !== null && (other === site.domain || other.endsWith(`.${site.domain}`));
  const image = account.extra.image;
  if (image && onSite(hostOf(image))) return 3;
  if (issuerNames(account.issuer, site)) return 2;
  const at = account.accountName.lastIndexOf('@');
  if (at !== -1 && onSite(account.accountName.slice(at + 1).toLowerCase())) return 1;
  return 0;
}

/** Ordering only (the user still picks): either name contains the other ("GitHub" on github.com). */
const namesAlike: IssuerRule = (issuer, site) => {
  const a = squash(issuer);
  const b = squash(site.name);
  return b.length >= 3 && a.length >= 3 && (a.includes(b) || b.includes(a));
};

/** Strict: the issuer holds the site's registrable name as is ("Amazon Web Services" on amazon.com). */
const issuerHoldsName: IssuerRule = (issuer, site) =>
  site.name.length >= 3 && issuer.toLowerCase().replace(/\s+/g, '').includes(site.name);

/** For ordering the popup's list: 0 for no match; higher is better. */
export function siteMatchScore(account: MatchableAccount, hostname: string): number {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === '') return 0;
  const parsed = parse(host);
  return score(
    account,
    { domain: parsed.domain ?? host, name: parsed.domainWithoutSuffix ?? host },
    namesAlike,
  );
}

/**
 * Evidence strong enough to fill a code without the user choosing the account (the keyboard
 * command), so `github-login-secure.com` or `git-hub.com` never get GitHub's code.
 */
export function strictMatchScore(account: MatchableAccount, hostname: string): number {
  const parsed = parse(hostname.toLowerCase().replace(/\.$/, ''));
  if (!parsed.domain || !parsed.domainWithoutSuffix) return 0;
  return score(account, { domain: parsed.domain, name: parsed.domainWithoutSuffix }, issuerHoldsName);
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
    const s = strictMatchScore(account, hostname);
    if (s > bestScore) {
      best = account;
      bestScore = s;
    }
  }
  return best;
}
