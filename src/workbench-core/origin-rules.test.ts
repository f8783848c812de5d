import { describe, expect, it } from 'vitest';
import { autoGrantFor, expiresAt, grantFor, normalizePattern, patternMatches } from './origin-rules.ts';
import type { WorkbenchGrant } from './types.ts';

const grant = (pattern: string, over: Partial<WorkbenchGrant> = {}): WorkbenchGrant => ({
  pattern,
  addedAt: 0,
  autoPresence: true,
  autoUv: false,
  expiresAt: null,
  ...over,
});

describe('workbench origins', () => {
  it('accepts localhost patterns and typed origins, nothing else', () => {
    expect(normalizePattern(' http://LOCALHOST:8787 ')).toEqual({
      ok: true,
      pattern: 'http://localhost:8787',
    });
    expect(normalizePattern('*.localhost')).toEqual({ ok: true, pattern: '*.localhost' });
    expect(normalizePattern('https://dev.example.com')).toEqual({
      ok: true,
      pattern: 'https://dev.example.com',
    });
    expect(normalizePattern('http://dev.example.com').ok).toBe(false);
    expect(normalizePattern('https://dev.example.com/login').ok).toBe(false);
    expect(normalizePattern('file:///x').ok).toBe(false);
    expect(normalizePattern('example.com').ok).toBe(false);
  });

  it('matches exact origins and the localhost wildcards', () => {
    expect(patternMatches('http://localhost:8787', 'http://localhost:8787')).toBe(true);
    expect(patternMatches('http://localhost:8787', 'http://localhost:8788')).toBe(false);
    expect(patternMatches('localhost', 'http://localhost:9000')).toBe(true);
    expect(patternMatches('localhost', 'http://app.localhost:9000')).toBe(false);
    expect(patternMatches('*.localhost', 'https://app.localhost')).toBe(true);
    expect(patternMatches('*.localhost', 'https://localhost.evil.com')).toBe(false);
    expect(patternMatches('https://dev.example.com', 'https://evil-dev.example.com')).toBe(false);
  });

  it('enforces expiry on use and asks the top-level origin of a frame too', () => {
    const now = 1_000_000;
    const grants = [grant('http://localhost:1', { expiresAt: expiresAt(15, now) }), grant('https://a.test')];
    expect(autoGrantFor(grants, { origin: 'http://localhost:1' }, now)).toBeDefined();
    expect(autoGrantFor(grants, { origin: 'http://localhost:1' }, now + 15 * 60_000)).toBeUndefined();
    // The log stays on after automatic presence expired.
    expect(grantFor(grants, 'http://localhost:1')).toBeDefined();
    expect(
      autoGrantFor(grants, { origin: 'https://a.test', topOrigin: 'https://evil.test' }, now),
    ).toBeUndefined();
    expect(
      autoGrantFor(grants, { origin: 'https://a.test', topOrigin: 'http://localhost:1' }, now),
    ).toBeDefined();
    expect(
      autoGrantFor([grant('https://a.test', { autoPresence: false })], { origin: 'https://a.test' }, now),
    ).toBeUndefined();
    expect(expiresAt(0, now)).toBeNull();
  });
});
