/** Issue 8, defect 1: look-alike and shared-hosting sites never get a code from the fill shortcut. */
import { describe, expect, it } from 'vitest';
import { webHostname } from '../../shared/web-hostname.ts';
import { fillTarget, siteMatchScore, siteOf, siteOfTyped } from './match.ts';

const account = (
  issuer: string,
  sites: string[] = [],
  accountName = '',
  extra: Record<string, string> = {},
) => ({ issuer, accountName, extra, sites });

const github = account('GitHub', ['github.com']);
const aws = account('Amazon Web Services', ['amazon.com'], 'root@example.com', {
  image: 'https://example-icons.s3.amazonaws.com/aws.png',
});
const others = [
  account('Microsoft', ['microsoft.com']),
  account('PayPal', ['paypal.com']),
  account('Google', ['google.com']),
  account('Vercel deploy', ['vercel.com']),
];
const all = [github, aws, ...others];

describe('the fill shortcut fills only a site the account is bound to', () => {
  it('fills the one bound account on its own site and its subdomains', () => {
    expect(fillTarget(all, 'github.com')).toBe(github);
    expect(fillTarget(all, 'gist.github.com')).toBe(github);
    expect(fillTarget(all, 'GITHUB.COM.')).toBe(github);
    expect(fillTarget(all, 'console.aws.amazon.com')).toBe(aws);
    expect(fillTarget(all, 'login.microsoftonline.com')).toBeUndefined();
  });

  it.each([
    // Shared hosting: private suffixes make every customer a site of its own.
    'attacker.github.io',
    'github.io',
    'anything.s3.amazonaws.com',
    'example-icons.s3.amazonaws.com',
    'github.vercel.app',
    'paypal.herokuapp.com',
    'google.blogspot.com',
    // Look-alikes: names inside names, swapped letters, other suffixes.
    'ithub.com',
    'hub.io',
    'git.xyz',
    'github.co',
    'github-login-secure.com',
    'git-hub.com',
    'githubb.com',
    'github.com.evil.net',
    'services.com',
    'amazon-web-services.com',
    'soft.com',
    'pal.com',
    'oogle.com',
    'google.com.ua.evil.org',
    'example.com',
    // No site at all.
    'localhost',
    '127.0.0.1',
    '[::1]',
    '',
  ])('%s gets nothing', (host) => {
    expect(fillTarget(all, host)).toBeUndefined();
  });

  it('an issuer, an icon or an e-mail domain never authorise a fill', () => {
    const unbound = [account('GitHub', [], 'me@github.com', { image: 'https://github.com/favicon.ico' })];
    expect(fillTarget(unbound, 'github.com')).toBeUndefined();
  });

  it('two accounts bound to one site: the user chooses, nothing is filled', () => {
    expect(fillTarget([github, account('GitHub work', ['github.com'])], 'github.com')).toBeUndefined();
  });
});

describe('ordering the popup list', () => {
  it('bound first, then icon, issuer name and e-mail domain', () => {
    expect(siteMatchScore(github, 'github.com')).toBe(4);
    expect(
      siteMatchScore(account('x', [], '', { image: 'https://cdn.example.co.uk/i.png' }), 'www.example.co.uk'),
    ).toBe(3);
    expect(siteMatchScore(account('GitHub'), 'github.com')).toBe(2);
    expect(siteMatchScore(account('Amazon Web Services'), 'console.aws.amazon.com')).toBe(2);
    expect(siteMatchScore(account('Corp', [], 'me@intranet.example.org'), 'example.org')).toBe(1);
    expect(siteMatchScore(account('GitHub'), 'gitlab.com')).toBe(0);
    expect(
      siteMatchScore(account('x', [], '', { image: 'https://evilexample.com/i.png' }), 'example.com'),
    ).toBe(0);
    expect(siteMatchScore(account('Go'), 'google.com')).toBe(0);
    // An icon on shared hosting does not make every customer of that host the account's site.
    expect(siteMatchScore(aws, 'anything.s3.amazonaws.com')).toBe(0);
  });
});

describe('sites and tab hosts', () => {
  it('are registrable domains, private suffixes included', () => {
    expect(siteOf('gist.github.com')).toBe('github.com');
    expect(siteOf('alice.github.io')).toBe('alice.github.io');
    expect(siteOf('bucket.s3.amazonaws.com')).toBe('bucket.s3.amazonaws.com');
    expect(siteOf('www.example.co.uk')).toBe('example.co.uk');
    expect(siteOf('localhost')).toBe('localhost');
    expect(siteOf('github.io')).toBeNull();
    expect(siteOf('co.uk')).toBeNull();
    expect(siteOf('192.168.1.1')).toBeNull();
  });

  it('are read from what a person types', () => {
    expect(siteOfTyped('Example.COM')).toBe('example.com');
    expect(siteOfTyped(' https://login.example.com/x?y ')).toBe('example.com');
    expect(siteOfTyped('github.io')).toBeNull();
    expect(siteOfTyped('not a site')).toBeNull();
  });

  it('reads hostnames of web tabs only', () => {
    expect(webHostname('https://Example.com/a')).toBe('example.com');
    expect(webHostname('chrome://settings')).toBe('');
    expect(webHostname(undefined)).toBe('');
  });
});
