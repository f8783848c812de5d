import { describe, expect, it } from 'vitest';
import fixture from '../../test/fixtures/rp-id-cases.json' with { type: 'json' };
import { NOTHING_THROWN, thrownBy } from '../shared/testing/thrown.ts';
import { WebAuthnError } from './errors.ts';
import { effectiveDomain, validateRpId } from './rp-id.ts';

interface RpIdCase {
  origin: string;
  rpId: string;
  expect: string;
  note: string;
}

function errorName(run: () => unknown): string {
  const error = thrownBy(run);
  if (error === NOTHING_THROWN) return 'ok';
  expect(error).toBeInstanceOf(WebAuthnError);
  return (error as WebAuthnError).name;
}

describe('validateRpId (test/fixtures/rp-id-cases.json)', () => {
  const cases: RpIdCase[] = fixture.cases;

  it('names its source', () => {
    expect(fixture.source).toMatch(/WebAuthn L3/);
    expect(cases.length).toBeGreaterThan(40);
  });

  it.each(cases.map((c) => [`${c.origin} claims ${JSON.stringify(c.rpId).slice(0, 40)}: ${c.note}`, c]))(
    '%s',
    (_title, c) => {
      expect(errorName(() => validateRpId(c.rpId, c.origin))).toBe(c.expect);
    },
  );

  it('returns the rpId itself when valid', () => {
    expect(validateRpId('example.com', 'https://login.example.com')).toBe('example.com');
  });

  it('explains the failure with actual and expected values', () => {
    expect(() => validateRpId('accounts.example.com', 'https://evilaccounts.example.com')).toThrow(
      /"accounts\.example\.com".*evilaccounts\.example\.com/,
    );
    expect(() => validateRpId('Example.com', 'https://example.com')).toThrow(/expected "example\.com"/);
  });

  it('keeps messages short for huge input', () => {
    const error = thrownBy(() => validateRpId('x'.repeat(100_000), 'https://example.com'));
    expect(error).toBeInstanceOf(WebAuthnError);
    expect((error as WebAuthnError).message.length).toBeLessThan(400);
  });
});

describe('effectiveDomain', () => {
  it('returns the canonical host of a secure origin', () => {
    expect(effectiveDomain('https://login.example.com')).toBe('login.example.com');
    expect(effectiveDomain('https://example.com:8443')).toBe('example.com');
    expect(effectiveDomain('http://localhost:8080')).toBe('localhost');
    expect(effectiveDomain('http://app.localhost')).toBe('app.localhost');
    expect(effectiveDomain('https://xn--bcher-kva.example')).toBe('xn--bcher-kva.example');
  });

  it.each([
    // Opaque and unparsable origins.
    ['null', 'NotAllowedError'],
    ['', 'NotAllowedError'],
    ['example.com', 'NotAllowedError'],
    // URLs that are not serialized origins.
    ['https://example.com/', 'NotAllowedError'],
    ['https://Example.com', 'NotAllowedError'],
    ['https://example.com:443', 'NotAllowedError'],
    // HTTPS is required except on localhost.
    ['http://example.com', 'SecurityError'],
    ['http://localhost.example.com', 'SecurityError'],
    ['ws://example.com', 'SecurityError'],
    ['file:///etc/passwd', 'SecurityError'],
    // IP-address hosts are not valid domains.
    ['https://127.0.0.1', 'SecurityError'],
    ['http://127.0.0.1:3000', 'SecurityError'],
    ['https://[2001:db8::1]', 'SecurityError'],
  ])('rejects %j with %s', (origin, name) => {
    expect(errorName(() => effectiveDomain(origin))).toBe(name);
  });

  it('does not echo the path of a URL that is not an origin', () => {
    const error = thrownBy(() => effectiveDomain('https://example.com/reset?token=s3cret'));
    expect(error).toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining('https://example.com'),
    });
    expect((error as WebAuthnError).message).not.toMatch(/s3cret|reset/);
  });

  it('says that HTTPS is required', () => {
    expect(() => effectiveDomain('http://example.com')).toThrow(/requires HTTPS/);
  });
});
