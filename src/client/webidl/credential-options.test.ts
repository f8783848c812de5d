import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KNOWN_CREDENTIAL_ID, MEMBER_ORDER_PROBES } from '../../../scripts/chrome-oracle/cases.ts';
import { nodeHarness } from '../../../scripts/chrome-oracle/node-harness.ts';
import {
  type CredentialCreationOptions,
  convertCredentialCreationOptions,
  convertCredentialRequestOptions,
} from './credential-options.ts';

const fixture = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../../test/fixtures/webidl/chrome-outcomes.json'), 'utf8'),
) as { chromium: string; memberOrder: { reads: Record<'create' | 'get', { reads: string[] }> } };

const minimal = () => ({
  rp: { name: 'Example' },
  user: { id: new Uint8Array([1]), name: 'alice', displayName: 'Alice' },
  challenge: new Uint8Array(16),
  pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
});

function publicKeyOf(options: CredentialCreationOptions) {
  if (!options.publicKey) throw new Error('no publicKey');
  return options.publicKey;
}

describe(`members are read as Chromium ${fixture.chromium} reads them (recorded)`, () => {
  it.each(['create', 'get'] as const)('%s', async (kind) => {
    const harness = nodeHarness({
      create: async (o) => convertCredentialCreationOptions(o),
      get: async (o) => convertCredentialRequestOptions(o),
    });
    harness.setCredentialId(KNOWN_CREDENTIAL_ID);
    const { reads } = await harness.memberOrder(kind, MEMBER_ORDER_PROBES[kind]);
    expect(reads).toEqual(fixture.memberOrder.reads[kind].reads);
  });
});

describe('CredentialCreationOptions', () => {
  it('converts the nulls servers send the way Chrome does', () => {
    const publicKey = publicKeyOf(
      convertCredentialCreationOptions({
        publicKey: {
          ...minimal(),
          rp: { name: 'Example', id: null },
          authenticatorSelection: { requireResidentKey: null, residentKey: null, userVerification: null },
          attestation: null,
          extensions: { credProps: null },
        },
      }),
    );
    expect(publicKey.rp.id).toBe('null');
    expect(publicKey.authenticatorSelection).toEqual({
      requireResidentKey: false,
      residentKey: 'null',
      userVerification: 'null',
    });
    expect(publicKey.attestation).toBe('null');
    expect(publicKey.extensions?.credProps).toBe(false);
  });

  it('applies the defaults: mediation, excludeCredentials, hints, credProps', () => {
    const options = convertCredentialCreationOptions({ publicKey: { ...minimal(), extensions: {} } });
    expect(options.mediation).toBe('optional');
    expect(options.publicKey?.excludeCredentials).toEqual([]);
    expect(options.publicKey?.hints).toEqual([]);
    expect(options.publicKey?.extensions).toEqual({
      credProps: false,
      enforceCredentialProtectionPolicy: false,
    });
  });

  it('converts numbers as long / unsigned long, modulo 2^32', () => {
    const publicKey = publicKeyOf(
      convertCredentialCreationOptions({
        publicKey: {
          ...minimal(),
          timeout: -1e300,
          pubKeyCredParams: [{ type: 'public-key', alg: 2 ** 32 - 7 }],
        },
      }),
    );
    expect(publicKey.timeout).toBe(0);
    expect(publicKey.pubKeyCredParams[0]?.alg).toBe(-7);
  });

  it('keeps unknown enum-like values and drops unknown members', () => {
    const publicKey = publicKeyOf(
      convertCredentialCreationOptions({
        publicKey: {
          ...minimal(),
          attestation: 'everything',
          hints: ['nope'],
          icon: 'x',
          attestationFormats: [],
        },
      }),
    );
    expect(publicKey.attestation).toBe('everything');
    expect(publicKey.hints).toEqual(['nope']);
    expect(publicKey).not.toHaveProperty('icon');
    expect(publicKey).not.toHaveProperty('attestationFormats');
  });

  it('takes an empty user.id (Chrome does)', () => {
    const publicKey = publicKeyOf(
      convertCredentialCreationOptions({
        publicKey: { ...minimal(), user: { id: new ArrayBuffer(0), name: 'a', displayName: 'A' } },
      }),
    );
    expect(publicKey.user.id).toHaveLength(0);
  });

  it('keeps other credential types as the page gave them, read once', () => {
    let reads = 0;
    const password = { id: 'a', password: 'b' };
    const options = convertCredentialCreationOptions({
      get password() {
        reads++;
        return password;
      },
      publicKey: minimal(),
    });
    expect(options.password).toBe(password);
    expect(reads).toBe(1);
  });

  it.each([
    ['a string where a sequence goes', { publicKey: { ...minimal(), hints: 'security-key' } }],
    ['null where a sequence goes', { publicKey: { ...minimal(), excludeCredentials: null } }],
    ['a signal that is not an AbortSignal', { publicKey: minimal(), signal: {} }],
    ['an unknown mediation', { publicKey: minimal(), mediation: 'immediate' }],
    ['mediation null', { publicKey: minimal(), mediation: null }],
    ['publicKey null', { publicKey: null }],
    ['a string where a dictionary goes', { publicKey: { ...minimal(), authenticatorSelection: 'none' } }],
    ['a missing required member', { publicKey: { ...minimal(), challenge: undefined } }],
    [
      'a required member of a nested dictionary',
      { publicKey: { ...minimal(), excludeCredentials: [{ type: 'public-key' }] } },
    ],
    ['prf eval without first', { publicKey: { ...minimal(), extensions: { prf: { eval: {} } } } }],
    ['a non-object options argument', 5],
  ])('TypeError: %s', (_title, options) => {
    expect(() => convertCredentialCreationOptions(options)).toThrow(TypeError);
  });

  it('says where the error is, in Chrome’s words', () => {
    expect(() => convertCredentialCreationOptions({ publicKey: { ...minimal(), challenge: 'abc' } })).toThrow(
      "Failed to execute 'create' on 'CredentialsContainer': Failed to read the 'publicKey' property from 'CredentialCreationOptions': Failed to read the 'challenge' property from 'PublicKeyCredentialCreationOptions'",
    );
  });

  it('treats a missing argument as an empty dictionary', () => {
    expect(convertCredentialCreationOptions(undefined)).toEqual({ mediation: 'optional' });
    expect(convertCredentialCreationOptions(null)).toEqual({ mediation: 'optional' });
  });
});

describe('CredentialRequestOptions', () => {
  it('converts rpId as a USVString, password as a boolean, evalByCredential as a record', () => {
    const options = convertCredentialRequestOptions({
      password: 0,
      publicKey: {
        challenge: new Uint8Array(1),
        rpId: null,
        extensions: { prf: { evalByCredential: { QUFB: { first: new Uint8Array(32) } } } },
      },
    });
    expect(options.password).toBe(false);
    expect(options.publicKey?.rpId).toBe('null');
    expect([...(options.publicKey?.extensions?.prf?.evalByCredential?.keys() ?? [])]).toEqual(['QUFB']);
  });

  it.each([
    ['challenge missing', { publicKey: {} }],
    ['allowCredentials null', { publicKey: { challenge: new Uint8Array(1), allowCredentials: null } }],
    [
      'transports a string',
      {
        publicKey: {
          challenge: new Uint8Array(1),
          allowCredentials: [{ type: 'public-key', id: new Uint8Array(1), transports: 'usb' }],
        },
      },
    ],
    ['extensions a number', { publicKey: { challenge: new Uint8Array(1), extensions: -0 } }],
  ])('TypeError: %s', (_title, options) => {
    expect(() => convertCredentialRequestOptions(options)).toThrow(TypeError);
  });
});
