import { describe, expect, it } from 'vitest';
import { mergeClientCapabilities, TAPKEY_EXTENSIONS } from './capabilities.ts';

/** Chromium 156's own answer on http://localhost (headless, no platform authenticator). */
const CHROMIUM_156 = {
  conditionalCreate: true,
  conditionalGet: true,
  'extension:appid': true,
  'extension:credProps': true,
  'extension:largeBlob': true,
  'extension:payment': false,
  'extension:prf': true,
  hybridTransport: false,
  immediateGet: true,
  passkeyPlatformAuthenticator: false,
  relatedOrigins: true,
  signalUnknownCredential: true,
  userVerifyingPlatformAuthenticator: false,
};

describe('getClientCapabilities: the browser’s answer with Tapkey’s truth in it', () => {
  const merged = mergeClientCapabilities(CHROMIUM_156);

  it('claims the three signal methods, which Tapkey implements (WebAuthn L3 §5.1.10)', () => {
    for (const key of [
      'signalUnknownCredential',
      'signalAllAcceptedCredentials',
      'signalCurrentUserDetails',
    ]) {
      expect(merged[key]).toBe(true);
      expect(mergeClientCapabilities({ [key]: false })[key]).toBe(true);
    }
  });

  it('claims only the extensions Tapkey implements', () => {
    expect(merged['extension:credProps']).toBe(true);
    // WebAuthn L3 §10.1.4 and §10.1.5: Tapkey implements prf and largeBlob itself.
    expect(merged['extension:prf']).toBe(true);
    expect(merged['extension:largeBlob']).toBe(true);
    expect(mergeClientCapabilities({ 'extension:prf': false })['extension:prf']).toBe(true);
    expect(merged['extension:appid']).toBe(false);
    for (const extension of TAPKEY_EXTENSIONS) expect(merged[`extension:${extension}`]).toBe(true);
    expect(mergeClientCapabilities({})).toMatchObject({ 'extension:credProps': true });
  });

  it('says no to related origins, which Tapkey’s RP ID check does not fetch', () => {
    expect(merged.relatedOrigins).toBe(false);
  });

  it('says yes to passkey autofill, which Tapkey offers even where the browser cannot', () => {
    expect(mergeClientCapabilities({ conditionalGet: false }).conditionalGet).toBe(true);
  });

  it('keeps the browser’s word for what Tapkey hands to the browser', () => {
    expect(merged).toMatchObject({
      conditionalCreate: true,
      immediateGet: true,
      hybridTransport: false,
      passkeyPlatformAuthenticator: false,
      signalUnknownCredential: true,
      userVerifyingPlatformAuthenticator: false,
    });
  });

  it('sorts the keys in ascending code-unit order and drops non-boolean values', () => {
    const keys = Object.keys(mergeClientCapabilities({ zeta: true, Alpha: false, odd: 'yes' }));
    expect(keys).toEqual([...keys].sort());
    expect(keys).not.toContain('odd');
    expect(keys[0]).toBe('Alpha');
  });
});
