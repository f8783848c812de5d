/**
 * Which accounts belong to the site in the current tab. Only a site the account is bound to (its
 * `sites`, set when it was scanned from that site's tab or by the user) lets the fill shortcut give
 * its code without the user choosing the account; issuer names, icons and e-mail domains only order
 * the popup's list, where the user still picks. Sites are registrable domains by the Public Suffix
 * List with its private section, so `github.io`, `s3.amazonaws.com` and `vercel.app` are suffixes:
 * `attacker.github.io` is a site of its own, never GitHub's.
 */
import { parse } from 'tldts';

export interface MatchableAccount {
  issuer: string;
  accountName: string;
  extra: Record<string, string>;
  sites: readonly string[];
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * The site a host belongs to: its registrable domain with private suffixes honoured ("github.com"
 * for gist.github.com; "alice.github.io" for alice.github.io), or the host itself where there is
 * none (localhost). Null for IP addresses and what is not a host.
 */
export function siteOf(hostname: string): string | null {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === '') return null;
  const parsed = parse(host, { allowPrivateDomains: true });
  if (parsed.isIp || !parsed.hostname) return null;
  return parsed.domain ?? (parsed.isIcann === false && !host.includes('.') ? host : null);
}

/** The site of what a person types for one: "example.com", "https://login.example.com/x", "Example.COM". */
export function siteOfTyped(text: string): string | null {
  const trimmed = text.trim();
  return siteOf(hostOf(/^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`) ?? '');
}

/** Letters and digits only: "Amazon Web Services" → "amazonwebservices". */
function squash(text: string): string {
  return text.toLocaleLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * For ordering the popup's list: how each account matches the site at `hostname`. 0 for no match;
 * higher is better. 4: the account is bound to the site; 3: its icon is on the site; 2: its issuer and
 * the site's name contain one another; 1: its e-mail domain is the site's. The site and its name are
 * worked out once (the Public Suffix List twice), not once per account of a list of 1,000.
 */
export function siteMatcher(hostname: string): (account: MatchableAccount) => number {
  const site = siteOf(hostname);
  if (!site) return () => 0;
  const onSite = (host: string | null) => host !== null && (host === site || host.endsWith(`.${site}`));
  const name = squash(parse(site, { allowPrivateDomains: true }).domainWithoutSuffix ?? site);
  return (account) => {
    if (account.sites.includes(site)) return 4;
    const image = account.extra.image;
    if (image && onSite(hostOf(image))) return 3;
    const issuer = squash(account.issuer);
    if (name.length >= 3 && issuer.length >= 3 && (issuer.includes(name) || name.includes(issuer))) return 2;
    const at = account.accountName.lastIndexOf('@');
    return at !== -1 && onSite(account.accountName.slice(at + 1).toLowerCase()) ? 1 : 0;
  };
}

/** siteMatcher for one account. */
export function siteMatchScore(account: MatchableAccount, hostname: string): number {
  return siteMatcher(hostname)(account);
}

/**
 * The account the fill shortcut may fill without the user choosing: the one account bound to the
 * tab's site. None when no account, or more than one, is bound there (the user then picks in the
 * popup).
 */
export function fillTarget<T extends MatchableAccount>(
  accounts: readonly T[],
  hostname: string,
): T | undefined {
  const site = siteOf(hostname);
  if (!site) return undefined;
  const bound = accounts.filter((a) => a.sites.includes(site));
  return bound.length === 1 ? bound[0] : undefined;
}
