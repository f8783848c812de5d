import { describe, expect, it } from 'vitest';
import { appIdAllowed } from './app-id.ts';

describe('appIdAllowed (FIDO AppID and Facets §3.1.2, as Chromium applies it)', () => {
  it.each([
    ['an empty AppID means the caller’s own origin', '', 'https://login.example.com', true],
    ['the same host', 'https://login.example.com/app-id.json', 'https://login.example.com', true],
    ['the same registrable domain', 'https://example.com/app-id.json', 'https://login.example.com', true],
    [
      'a sibling of the same registrable domain',
      'https://other.example.com/x',
      'https://login.example.com',
      true,
    ],
    ['another site', 'https://example.net/app-id.json', 'https://example.com', false],
    [
      'a different github.io site (private suffix)',
      'https://bob.github.io/x',
      'https://alice.github.io',
      false,
    ],
    ['an http AppID', 'http://example.com/app-id.json', 'https://example.com', false],
    ['an http caller, even localhost', '', 'http://localhost:8080', false],
    ['not a URL', 'not a url', 'https://example.com', false],
  ])('%s', (_title, appid, origin, allowed) => {
    expect(appIdAllowed(appid, origin)).toBe(allowed);
  });
});
