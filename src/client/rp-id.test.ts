import { describe, expect, it } from 'vitest';
import fixture from '../../test/fixtures/rp-id-cases.json' with { type: 'json' };
import { WebAuthnError } from './errors.ts';
import { effectiveDomain, validateRpId } from './rp-id.ts';

interface RpIdCase {
  origin: string;
  rpId: string;
  expect: string;
  note: string;
}

function errorName(run: () => unknown): string {
  try {
    run();
    return 'ok';
  } catch (error) {
    expect(error).toBeInstanceOf(WebAuthnError);
    return (error as WebAuthnError).name;
  }
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
    try {
      validateRpId('x'.repeat(100_000), 'https://example.com');
    } catch (error) {
      expect((error as Error).message.length).toBeLessThan(400);
    }
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

  it('rejects opaque and unparsable origins with NotAllowedError', () => {
    expect(errorName(() => effectiveDomain('null'))).toBe('NotAllowedError');
    expect(errorName(() => effectiveDomain(''))).toBe('NotAllowedError');
    expect(errorName(() => effectiveDomain('example.com'))).toBe('NotAllowedError');
  });

  it('rejects URLs that are not serialized origins with NotAllowedError, without echoing the path', () => {
    expect(errorName(() => effectiveDomain('https://example.com/'))).toBe('NotAllowedError');
    expect(errorName(() => effectiveDomain('https://Example.com'))).toBe('NotAllowedError');
    expect(errorName(() => effectiveDomain('https://example.com:443'))).toBe('NotAllowedError');
    expect(() => effectiveDomain('https://example.com/reset?token=s3cret')).not.toThrow(/s3cret/);
  });

  it('requires HTTPS except on localhost (SecurityError)', () => {
    expect(errorName(() => effectiveDomain('http://example.com'))).toBe('SecurityError');
    expect(() => effectiveDomain('http://example.com')).toThrow(/requires HTTPS/);
    expect(errorName(() => effectiveDomain('http://localhost.example.com'))).toBe('SecurityError');
    expect(errorName(() => effectiveDomain('ws://example.com'))).toBe('SecurityError');
    expect(errorName(() => effectiveDomain('file:///etc/passwd'))).toBe('SecurityError');
  });

  it('rejects IP-address hosts (SecurityError): they are not valid domains', () => {
    expect(errorName(() => effectiveDomain('https://127.0.0.1'))).toBe('SecurityError');
    expect(errorName(() => effectiveDomain('http://127.0.0.1:3000'))).toBe('SecurityError');
    expect(errorName(() => effectiveDomain('https://[2001:db8::1]'))).toBe('SecurityError');
  });
});
