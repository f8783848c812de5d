import { describe, expect, it } from 'vitest';
import { callerContext } from './caller.ts';

const top = {
  ancestorOrigins: [],
  permissionsPolicyAllows: true,
  hasTransientActivation: false,
  documentVisible: true,
  documentFocused: true,
};

describe('callerContext', () => {
  it('a top-level document is same-origin with its ancestors, whatever the relay claims', () => {
    expect(
      callerContext('https://a.com', true, 'create', { ...top, ancestorOrigins: ['https://evil.com'] }),
    ).toEqual({
      origin: 'https://a.com',
      sameOriginWithAncestors: true,
    });
  });

  it('a same-origin frame needs no gesture', () => {
    const facts = { ...top, ancestorOrigins: ['https://a.com'] };
    expect(callerContext('https://a.com', false, 'create', facts).sameOriginWithAncestors).toBe(true);
  });

  it('a cross-origin frame gets topOrigin = the top-level origin', () => {
    const facts = {
      ...top,
      ancestorOrigins: ['https://mid.com', 'https://top.com'],
      hasTransientActivation: true,
    };
    expect(callerContext('https://a.com', false, 'create', facts)).toEqual({
      origin: 'https://a.com',
      sameOriginWithAncestors: false,
      topOrigin: 'https://top.com',
    });
    expect(
      callerContext('https://a.com', false, 'get', { ...facts, hasTransientActivation: false }).topOrigin,
    ).toBe('https://top.com');
  });

  it('refuses without the permissions policy (NotAllowedError)', () => {
    const facts = { ...top, ancestorOrigins: ['https://top.com'], permissionsPolicyAllows: false };
    expect(() => callerContext('https://a.com', false, 'get', facts)).toThrow(
      expect.objectContaining({ name: 'NotAllowedError' }),
    );
  });

  it('refuses cross-origin create without transient activation (§5.1.3 step 2)', () => {
    const facts = { ...top, ancestorOrigins: ['https://top.com'] };
    expect(() => callerContext('https://a.com', false, 'create', facts)).toThrow(/user gesture/);
  });
});
