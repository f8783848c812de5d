import { describe, expect, it } from 'vitest';
import { NOTHING_THROWN, thrownBy } from '../shared/testing/thrown.ts';
import { WebAuthnError } from './errors.ts';
import { parseSignal } from './signals.ts';

const ORIGIN = 'https://login.example.com';
const CRED = 'AAECAwQFBgcICQoLDA0ODw';

function nameOf(run: () => unknown): string | undefined {
  const e = thrownBy(run);
  if (e === NOTHING_THROWN) return undefined;
  return e instanceof WebAuthnError ? e.name : `not a WebAuthnError: ${String(e)}`;
}

describe('parseSignal: the worker checks a page’s signal again, with the browser’s origin', () => {
  it('accepts the caller’s own RP ID and a registrable parent domain', () => {
    expect(
      parseSignal(
        { method: 'signalUnknownCredential', options: { rpId: 'example.com', credentialId: CRED } },
        ORIGIN,
      ),
    ).toEqual({ method: 'signalUnknownCredential', rpId: 'example.com', credentialId: CRED });
    expect(
      parseSignal(
        {
          method: 'signalAllAcceptedCredentials',
          options: { rpId: 'login.example.com', userId: 'dXNlcg', allAcceptedCredentialIds: [CRED, ''] },
        },
        ORIGIN,
      ),
    ).toEqual({
      method: 'signalAllAcceptedCredentials',
      rpId: 'login.example.com',
      userHandle: 'dXNlcg',
      acceptedIds: [CRED, ''],
    });
  });

  it('canonicalizes ids to the form the vault keys them by', () => {
    // "AB" has stray low bits: the bytes are [0x00], whose unpadded base64url is "AA".
    const signal = parseSignal(
      { method: 'signalUnknownCredential', options: { rpId: 'example.com', credentialId: 'AB' } },
      ORIGIN,
    );
    expect(signal).toMatchObject({ credentialId: 'AA' });
  });

  it.each([
    ['an RP ID of another site', 'evil.com'],
    ['a public suffix', 'com'],
    ['a look-alike', 'xample.com'],
    ['upper case (Chrome compares bytes)', 'EXAMPLE.com'],
    ['the empty string', ''],
    ['a child of the origin', 'a.login.example.com'],
  ])('SecurityError for %s', (_why, rpId) => {
    const run = () =>
      parseSignal({ method: 'signalUnknownCredential', options: { rpId, credentialId: CRED } }, ORIGIN);
    expect(nameOf(run)).toBe('SecurityError');
  });

  it('SecurityError for an http origin that is not localhost, NotAllowedError for an opaque one', () => {
    const signal = {
      method: 'signalUnknownCredential',
      options: { rpId: 'example.com', credentialId: CRED },
    };
    expect(nameOf(() => parseSignal(signal, 'http://example.com'))).toBe('SecurityError');
    expect(nameOf(() => parseSignal(signal, 'null'))).toBe('NotAllowedError');
  });

  it.each([
    ['no method', { options: { rpId: 'example.com', credentialId: CRED } }],
    ['an unknown method', { method: 'signalEverything', options: {} }],
    ['no options', { method: 'signalUnknownCredential' }],
    [
      'padded id',
      { method: 'signalUnknownCredential', options: { rpId: 'example.com', credentialId: 'AA==' } },
    ],
    [
      'base64 alphabet',
      { method: 'signalUnknownCredential', options: { rpId: 'example.com', credentialId: 'a+/b' } },
    ],
    ['a number id', { method: 'signalUnknownCredential', options: { rpId: 'example.com', credentialId: 5 } }],
    [
      'an id over 1023 bytes',
      { method: 'signalUnknownCredential', options: { rpId: 'example.com', credentialId: 'A'.repeat(1366) } },
    ],
    [
      'a list that is not an array',
      {
        method: 'signalAllAcceptedCredentials',
        options: { rpId: 'example.com', userId: 'AA', allAcceptedCredentialIds: 'AA' },
      },
    ],
    [
      'a bad id in the list',
      {
        method: 'signalAllAcceptedCredentials',
        options: { rpId: 'example.com', userId: 'AA', allAcceptedCredentialIds: ['*'] },
      },
    ],
    [
      'a user id over 64 bytes',
      {
        method: 'signalCurrentUserDetails',
        options: { rpId: 'example.com', userId: 'A'.repeat(90), name: 'a', displayName: 'b' },
      },
    ],
    [
      'a missing display name',
      { method: 'signalCurrentUserDetails', options: { rpId: 'example.com', userId: 'AA', name: 'a' } },
    ],
  ])('TypeError for %s', (_why, signal) => {
    expect(nameOf(() => parseSignal(signal, ORIGIN))).toBe('TypeError');
  });

  it('TypeError before SecurityError, as Chrome orders them', () => {
    const signal = { method: 'signalUnknownCredential', options: { rpId: 'evil.com', credentialId: '!' } };
    expect(nameOf(() => parseSignal(signal, ORIGIN))).toBe('TypeError');
  });

  it('cuts over-long names as create() does', () => {
    const signal = parseSignal(
      {
        method: 'signalCurrentUserDetails',
        options: { rpId: 'example.com', userId: 'AA', name: 'n'.repeat(5000), displayName: 'd' },
      },
      ORIGIN,
    );
    expect(signal).toMatchObject({ name: 'n'.repeat(1024), displayName: 'd' });
  });
});
