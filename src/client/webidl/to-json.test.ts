import { describe, expect, it } from 'vitest';
import { convertCredentialCreationOptions, convertCredentialRequestOptions } from './credential-options.ts';
import { creationOptionsToJSON, requestOptionsToJSON } from './to-json.ts';
import { nativeCreationOptions, nativeRequestOptions } from './to-native.ts';

const bytes = (...values: number[]) => new Uint8Array(values);

describe('WebAuthn JSON for the worker', () => {
  it('writes bytes as base64url and leaves absent members out', () => {
    const options = convertCredentialCreationOptions({
      publicKey: {
        rp: { name: 'Example' },
        user: { id: bytes(1, 2), name: 'alice', displayName: 'Alice' },
        challenge: bytes(0xfb, 0xff),
        pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
      },
    });
    expect(creationOptionsToJSON(options.publicKey!)).toEqual({
      rp: { name: 'Example' },
      user: { id: 'AQI', name: 'alice', displayName: 'Alice' },
      challenge: '-_8',
      pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
      excludeCredentials: [],
      hints: [],
    });
  });

  it('carries every converted member and extension input', () => {
    const options = convertCredentialCreationOptions({
      publicKey: {
        rp: { name: 'Example', id: null },
        user: { id: bytes(1), name: 'a', displayName: 'A' },
        challenge: bytes(2),
        pubKeyCredParams: [],
        timeout: -1,
        excludeCredentials: [{ type: 'public-key', id: bytes(3), transports: ['usb', 'warp'] }],
        authenticatorSelection: { residentKey: 'required', requireResidentKey: 'yes' },
        hints: ['security-key'],
        attestation: 'direct',
        extensions: {
          credProps: 1,
          appidExclude: '',
          largeBlob: { support: 'preferred' },
          prf: { eval: { first: bytes(4), second: bytes(5) } },
          credBlob: bytes(6),
          unknown: 'dropped',
        },
      },
    });
    const json = creationOptionsToJSON(options.publicKey!);
    expect(json).toMatchObject({
      rp: { id: 'null', name: 'Example' },
      timeout: 4_294_967_295,
      excludeCredentials: [{ type: 'public-key', id: 'Aw', transports: ['usb', 'warp'] }],
      authenticatorSelection: { residentKey: 'required', requireResidentKey: true },
      hints: ['security-key'],
      attestation: 'direct',
      extensions: {
        credProps: true,
        appidExclude: '',
        enforceCredentialProtectionPolicy: false,
        largeBlob: { support: 'preferred' },
        prf: { eval: { first: 'BA', second: 'BQ' } },
        credBlob: 'Bg',
      },
    });
    expect(json.extensions).not.toHaveProperty('unknown');
    // What is posted is plain JSON: nothing page-made survives.
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it('writes request options, evalByCredential as an object', () => {
    const options = convertCredentialRequestOptions({
      publicKey: {
        challenge: bytes(1),
        rpId: 'example.com',
        allowCredentials: [{ type: 'public-key', id: bytes(2) }],
        userVerification: 'required',
        extensions: { prf: { evalByCredential: { Ag: { first: bytes(3) } } }, largeBlob: { read: true } },
      },
    });
    expect(requestOptionsToJSON(options.publicKey!)).toEqual({
      challenge: 'AQ',
      rpId: 'example.com',
      allowCredentials: [{ type: 'public-key', id: 'Ag' }],
      userVerification: 'required',
      hints: [],
      extensions: {
        credProps: false,
        enforceCredentialProtectionPolicy: false,
        largeBlob: { read: true },
        prf: { evalByCredential: { Ag: { first: 'Aw' } } },
      },
    });
  });
});

describe('options for the browser’s own create()/get()', () => {
  it('passes the converted values and the page’s other members, without undefined ones', () => {
    const signal = new AbortController().signal;
    const password = { id: 'a', password: 'b' };
    const create = nativeCreationOptions(
      convertCredentialCreationOptions({
        password,
        signal,
        publicKey: {
          rp: { name: 'x' },
          user: { id: bytes(1), name: 'a', displayName: 'A' },
          challenge: bytes(2),
          pubKeyCredParams: [],
        },
      }),
    );
    expect(create.password).toBe(password);
    expect(create.signal).toBe(signal);
    expect(create.mediation).toBe('optional');
    expect(Object.keys(create).sort()).toEqual(['mediation', 'password', 'publicKey', 'signal']);
  });

  it('turns a converted record back into an object', () => {
    const get = nativeRequestOptions(
      convertCredentialRequestOptions({
        publicKey: {
          challenge: bytes(1),
          allowCredentials: [{ type: 'public-key', id: bytes(2) }],
          extensions: { prf: { evalByCredential: { Ag: { first: bytes(3) } } } },
        },
      }),
    );
    const prf = (get.publicKey as { extensions: { prf: { evalByCredential: unknown } } }).extensions.prf;
    expect(prf.evalByCredential).toEqual({ Ag: { first: bytes(3) } });
  });
});
