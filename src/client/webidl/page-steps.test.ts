import { describe, expect, it } from 'vitest';
import { convertCredentialCreationOptions, convertCredentialRequestOptions } from './credential-options.ts';
import { createSteps, getSteps, type PageStep } from './page-steps.ts';

type Obj = Record<string, unknown>;

const publicKey = (overrides: Obj = {}): Obj => ({
  rp: { name: 'Example' },
  user: { id: new Uint8Array([1]), name: 'alice', displayName: 'Alice' },
  challenge: new Uint8Array(16),
  pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
  ...overrides,
});
const request = (overrides: Obj = {}): Obj => ({ challenge: new Uint8Array(16), ...overrides });
const ID = new Uint8Array([1, 2, 3]);
const ID_B64 = 'AQID';

const create = (options: Obj): PageStep => createSteps(convertCredentialCreationOptions(options));
const get = (options: Obj): PageStep => getSteps(convertCredentialRequestOptions(options));
/** The step's action, and the error name for a rejection. */
const what = (step: PageStep) => (step.action === 'reject' ? step.name : step.action);
const aborted = () => AbortSignal.abort();

describe('create(): Chromium’s steps in the page, in its order', () => {
  it('lets a plain request through to Tapkey', () => {
    expect(create({ publicKey: publicKey() })).toEqual({ action: 'tapkey' });
  });

  it.each([
    ['no publicKey', {}],
    ['publicKey and password', { publicKey: publicKey(), password: { id: 'a', password: 'b' } }],
    ['publicKey and federated', { publicKey: publicKey(), federated: {} }],
    ['a digital credential', { digital: {} }],
    ['conditional create', { publicKey: publicKey(), mediation: 'conditional' }],
    [
      'largeBlob support required for a non-discoverable credential (Tapkey keeps blobs for discoverable ones)',
      { publicKey: publicKey({ extensions: { largeBlob: { support: 'required' } } }) },
    ],
  ])('hands %s to the browser', (_title, options) => {
    expect(what(create(options))).toBe('browser');
  });

  it.each([
    ['residentKey required', { residentKey: 'required', requireResidentKey: false }],
    ['residentKey preferred', { residentKey: 'preferred', requireResidentKey: false }],
    ['requireResidentKey', { requireResidentKey: true }],
  ])('answers largeBlob support required itself for %s (WebAuthn L3 §10.1.5)', (_title, selection) => {
    const options = publicKey({
      authenticatorSelection: selection,
      extensions: { largeBlob: { support: 'required' } },
    });
    expect(create({ publicKey: options })).toEqual({ action: 'tapkey' });
  });

  it('refuses more than 64 excludeCredentials with a RangeError DOMException', () => {
    const excludeCredentials = Array.from({ length: 65 }, () => ({ type: 'public-key', id: ID }));
    expect(what(create({ publicKey: publicKey({ excludeCredentials }) }))).toBe('RangeError');
    expect(what(create({ publicKey: publicKey({ excludeCredentials: excludeCredentials.slice(1) }) }))).toBe(
      'tapkey',
    );
  });

  it.each([
    ['appid (a get() extension)', { appid: '' }, 'NotSupportedError'],
    ['appidExclude that is not a URL', { appidExclude: 'not a url' }, 'SyntaxError'],
    ['an empty appidExclude (the worker decides)', { appidExclude: '' }, 'tapkey'],
    ['largeBlob read', { largeBlob: { read: false } }, 'NotSupportedError'],
    ['largeBlob write', { largeBlob: { write: ID } }, 'NotSupportedError'],
    ['prf input over 256 bytes', { prf: { eval: { first: new Uint8Array(257) } } }, 'NotSupportedError'],
    ['prf input of 256 bytes', { prf: { eval: { first: new Uint8Array(256) } } }, 'tapkey'],
    ['prf evalByCredential', { prf: { evalByCredential: {} } }, 'NotSupportedError'],
    ['an unknown credProtect policy', { credentialProtectionPolicy: 'sometimes' }, 'NotSupportedError'],
    [
      'a known credProtect policy (the worker checks it)',
      { credentialProtectionPolicy: 'userVerificationRequired' },
      'tapkey',
    ],
  ])('extensions: %s → %s', (_title, extensions, expected) => {
    expect(what(create({ publicKey: publicKey({ extensions }) }))).toBe(expected);
  });

  it('checks extensions before an aborted signal, and the signal before the parameters', () => {
    expect(what(create({ publicKey: publicKey({ extensions: { appid: 'x' } }), signal: aborted() }))).toBe(
      'NotSupportedError',
    );
    const unsupported = publicKey({ pubKeyCredParams: [{ type: 'x', alg: -7 }] });
    expect(what(create({ publicKey: unsupported, signal: aborted() }))).toBe('abort');
    expect(what(create({ publicKey: unsupported }))).toBe('NotSupportedError');
  });

  it('refuses pubKeyCredParams without any public-key entry, but not an empty list', () => {
    expect(what(create({ publicKey: publicKey({ pubKeyCredParams: [{ type: 'foo', alg: -7 }] }) }))).toBe(
      'NotSupportedError',
    );
    expect(what(create({ publicKey: publicKey({ pubKeyCredParams: [] }) }))).toBe('tapkey');
  });

  it('refuses a user.id over 64 bytes with TypeError, after the parameters; takes an empty one', () => {
    const user = (n: number) => ({ id: new Uint8Array(n), name: 'a', displayName: 'A' });
    expect(what(create({ publicKey: publicKey({ user: user(65) }) }))).toBe('TypeError');
    expect(what(create({ publicKey: publicKey({ user: user(64) }) }))).toBe('tapkey');
    expect(what(create({ publicKey: publicKey({ user: user(0) }) }))).toBe('tapkey');
    const both = publicKey({ user: user(65), pubKeyCredParams: [{ type: 'x', alg: 1 }] });
    expect(what(create({ publicKey: both }))).toBe('NotSupportedError');
  });
});

describe('get(): Chromium’s steps in the page, in its order', () => {
  it('lets a plain request through to Tapkey', () => {
    expect(get({ publicKey: request() })).toEqual({ action: 'tapkey' });
  });

  it('answers an aborted signal first, before anything else', () => {
    expect(what(get({ publicKey: request({ extensions: { credProps: true } }), signal: aborted() }))).toBe(
      'abort',
    );
    expect(what(get({ signal: aborted() }))).toBe('abort');
  });

  it.each([
    ['no publicKey', {}],
    ['password as well', { publicKey: request(), password: true }],
    ['identity as well', { publicKey: request(), identity: {} }],
    ['otp as well', { publicKey: request(), otp: {} }],
    ['a uiMode', { publicKey: request(), uiMode: 'x' }],
  ])('hands %s to the browser', (_title, options) => {
    expect(what(get(options))).toBe('browser');
  });

  it('keeps passkey autofill (conditional mediation) with Tapkey, after the same checks', () => {
    expect(what(get({ publicKey: request(), mediation: 'conditional' }))).toBe('tapkey');
    const extensions = { credProps: true };
    expect(what(get({ publicKey: request({ extensions }), mediation: 'conditional' }))).toBe(
      'NotSupportedError',
    );
  });

  it('keeps password: false (the default) with Tapkey', () => {
    expect(what(get({ publicKey: request(), password: false }))).toBe('tapkey');
  });

  it('refuses more than 64 allowCredentials with a RangeError DOMException', () => {
    const allowCredentials = Array.from({ length: 65 }, () => ({ type: 'public-key', id: ID }));
    expect(what(get({ publicKey: request({ allowCredentials }) }))).toBe('RangeError');
  });

  const allow = [{ type: 'public-key', id: ID }];
  it.each([
    ['appid that is not a URL', {}, { appid: 'not a url' }, 'SyntaxError'],
    ['an empty appid (the worker decides)', {}, { appid: '' }, 'tapkey'],
    ['credProps', {}, { credProps: true }, 'NotSupportedError'],
    ['credProps false', {}, { credProps: false }, 'tapkey'],
    ['largeBlob support', {}, { largeBlob: { support: 'preferred' } }, 'NotSupportedError'],
    ['largeBlob write over 2 KiB', {}, { largeBlob: { write: new Uint8Array(2049) } }, 'NotSupportedError'],
    ['largeBlob write of 2 KiB', {}, { largeBlob: { write: new Uint8Array(2048) } }, 'tapkey'],
    ['prf evalByCredential with no allow list', {}, { prf: { evalByCredential: {} } }, 'NotSupportedError'],
    ['prf eval over 256 bytes', {}, { prf: { eval: { first: new Uint8Array(300) } } }, 'SyntaxError'],
    [
      'prf key not base64url',
      { allowCredentials: allow },
      { prf: { evalByCredential: { 'a+b': { first: ID } } } },
      'SyntaxError',
    ],
    [
      'prf key padded',
      { allowCredentials: allow },
      { prf: { evalByCredential: { 'AQID=': { first: ID } } } },
      'SyntaxError',
    ],
    [
      'prf key of an empty id',
      { allowCredentials: allow },
      { prf: { evalByCredential: { '': { first: ID } } } },
      'SyntaxError',
    ],
    [
      'prf key not allowed',
      { allowCredentials: allow },
      { prf: { evalByCredential: { AAAA: { first: ID } } } },
      'SyntaxError',
    ],
    [
      'prf key allowed',
      { allowCredentials: allow },
      { prf: { evalByCredential: { [ID_B64]: { first: ID } } } },
      'tapkey',
    ],
    [
      'prf value over 256 bytes',
      { allowCredentials: allow },
      { prf: { evalByCredential: { [ID_B64]: { first: new Uint8Array(257) } } } },
      'SyntaxError',
    ],
  ])('extensions: %s → %s', (_title, more, extensions, expected) => {
    expect(what(get({ publicKey: request({ ...more, extensions }) }))).toBe(expected);
  });
});

describe('hints (WebAuthn L3 §5.8.7): client-device alone goes to the browser', () => {
  it.each([
    [['client-device'], 'browser'],
    [['client-device', 'no-such-hint'], 'browser'],
    [['client-device', 'security-key'], 'tapkey'],
    [['security-key'], 'tapkey'],
    [['hybrid'], 'tapkey'],
    [[], 'tapkey'],
  ])('hints %j: %s', (hints, action) => {
    expect(what(create({ publicKey: publicKey({ hints }) }))).toBe(action);
    expect(what(get({ publicKey: request({ hints }) }))).toBe(action);
  });

  it('checks Chrome’s own steps first: an aborted signal still rejects', () => {
    const options = { publicKey: publicKey({ hints: ['client-device'] }), signal: aborted() };
    expect(what(create(options))).toBe('abort');
    expect(what(get({ publicKey: request({ hints: ['client-device'] }), signal: aborted() }))).toBe('abort');
  });
});
