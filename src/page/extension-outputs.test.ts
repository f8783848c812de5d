import { describe, expect, it } from 'vitest';
import type { RegistrationResponseJSON } from '../shared/webauthn-json.ts';
import { registrationCredential } from './credential-object.ts';
import { clientExtensionOutputs } from './extension-outputs.ts';

const FIRST = 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8';
const SECOND = 'ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8';

describe('getClientExtensionResults(): bytes as ArrayBuffers, as Chrome gives them', () => {
  it('turns prf results and the large blob into ArrayBuffers and keeps the rest', () => {
    const out = clientExtensionOutputs({
      credProps: { rk: true },
      prf: { enabled: true, results: { first: FIRST, second: SECOND } },
      largeBlob: { blob: 'aGVsbG8' },
    }) as {
      credProps: unknown;
      prf: { enabled: boolean; results: { first: ArrayBuffer; second: ArrayBuffer } };
      largeBlob: { blob: ArrayBuffer };
    };
    expect(out.credProps).toEqual({ rk: true });
    expect(out.prf.enabled).toBe(true);
    expect(out.prf.results.first).toBeInstanceOf(ArrayBuffer);
    expect(new Uint8Array(out.prf.results.first)).toEqual(Uint8Array.from({ length: 32 }, (_, i) => i));
    expect(out.prf.results.second.byteLength).toBe(32);
    expect(out.largeBlob.blob).toBeInstanceOf(ArrayBuffer);
    expect(new TextDecoder().decode(out.largeBlob.blob)).toBe('hello');
  });

  it('leaves out what is absent: prf: {} and largeBlob: {} stay empty, written and supported stay booleans', () => {
    expect(clientExtensionOutputs({ prf: {}, largeBlob: {} })).toEqual({ prf: {}, largeBlob: {} });
    expect(clientExtensionOutputs({ largeBlob: { written: false } })).toEqual({
      largeBlob: { written: false },
    });
    expect(clientExtensionOutputs({ largeBlob: { supported: true } })).toEqual({
      largeBlob: { supported: true },
    });
    expect(clientExtensionOutputs({})).toEqual({});
  });

  it('gives a fresh object each call, and toJSON() keeps base64url (AuthenticationExtensionsClientOutputsJSON)', () => {
    const json: RegistrationResponseJSON = {
      id: 'AQID',
      rawId: 'AQID',
      type: 'public-key',
      authenticatorAttachment: 'cross-platform',
      response: {
        clientDataJSON: 'e30',
        attestationObject: 'oA',
        authenticatorData: 'AA',
        transports: ['usb'],
        publicKey: 'AA',
        publicKeyAlgorithm: -7,
      },
      clientExtensionResults: { prf: { enabled: true, results: { first: FIRST } } },
    };
    const credential = registrationCredential(json);
    const a = credential.getClientExtensionResults() as { prf: { results: { first: ArrayBuffer } } };
    const b = credential.getClientExtensionResults() as { prf: { results: { first: ArrayBuffer } } };
    expect(a).not.toBe(b);
    expect(a.prf.results.first).not.toBe(b.prf.results.first);
    const serialised = credential.toJSON() as { clientExtensionResults: unknown };
    expect(serialised.clientExtensionResults).toEqual({ prf: { enabled: true, results: { first: FIRST } } });
  });
});
