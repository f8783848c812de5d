import { describe, expect, it } from 'vitest';
import { bestAccountFor, siteMatchScore, tabHostname } from './match.ts';

const account = (issuer: string, accountName = '', extra: Record<string, string> = {}) => ({
  issuer,
  accountName,
  extra,
});

describe('site matching', () => {
  it('matches issuers, icon domains and email domains to the tab', () => {
    expect(siteMatchScore(account('GitHub'), 'github.com')).toBe(2);
    expect(siteMatchScore(account('Amazon Web Services'), 'console.aws.amazon.com')).toBe(2);
    expect(
      siteMatchScore(account('x', '', { image: 'https://cdn.example.co.uk/i.png' }), 'www.example.co.uk'),
    ).toBe(3);
    expect(siteMatchScore(account('Corp', 'me@intranet.example.org'), 'example.org')).toBe(1);
    expect(siteMatchScore(account('GitHub'), 'gitlab.com')).toBe(0);
    // A look-alike registrable domain is not the site.
    expect(siteMatchScore(account('x', '', { image: 'https://evilexample.com/i.png' }), 'example.com')).toBe(
      0,
    );
    expect(siteMatchScore(account('Go'), 'google.com')).toBe(0);
  });

  it('picks the best account, or the only one', () => {
    const list = [
      account('GitLab'),
      account('GitHub'),
      account('Other', '', { image: 'https://github.com/x.png' }),
    ];
    expect(bestAccountFor(list, 'github.com')?.issuer).toBe('Other');
    expect(bestAccountFor(list, 'nothing.test')).toBeUndefined();
    // No guessing for the keyboard command: an unrelated only account is not filled.
    expect(bestAccountFor([account('Solo')], 'localhost')).toBeUndefined();
    // Look-alike domains never get the real site's code.
    expect(bestAccountFor([account('GitHub')], 'github-login-secure.com')).toBeUndefined();
    expect(bestAccountFor([account('GitHub')], 'git-hub.com')).toBeUndefined();
    expect(bestAccountFor([account('GitHub')], 'github.com')?.issuer).toBe('GitHub');
    expect(bestAccountFor([account('Amazon Web Services')], 'console.aws.amazon.com')?.issuer).toBe(
      'Amazon Web Services',
    );
  });

  it('reads hostnames of web tabs only', () => {
    expect(tabHostname('https://Example.com/a')).toBe('example.com');
    expect(tabHostname('chrome://settings')).toBe('');
    expect(tabHostname(undefined)).toBe('');
  });
});
