import { describe, expect, it } from 'vitest';
import { toBase64url } from '../shared/bytes.ts';
import { NOTHING_THROWN, thrownBy } from '../shared/testing/thrown.ts';
import { adjustTimeout, TIMEOUT_LIMITS } from './adjust-timeout.ts';
import { WebAuthnError } from './errors.ts';
import { LIMITS, parseCreationOptions, parseRequestOptions } from './parse-options.ts';
import type { CallerContext } from './types.ts';

const caller: CallerContext = { origin: 'https://login.example.com', sameOriginWithAncestors: true };
const b64 = (length: number, fill = 1) => toBase64url(new Uint8Array(length).fill(fill));

function creation(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    rp: { id: 'example.com', name: 'Example' },
    user: { id: b64(16), name: 'alice@example.com', displayName: 'Alice' },
    challenge: b64(32),
    pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
    ...overrides,
  };
}

function request(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { challenge: b64(32), ...overrides };
}

/** The WebAuthnError name `run` throws, or 'ok'. */
function errorName(run: () => unknown): string {
  const error = thrownBy(run);
  if (error === NOTHING_THROWN) return 'ok';
  if (!(error instanceof WebAuthnError)) throw error;
  return error.name;
}

const create = (input: unknown, who: CallerContext = caller) => parseCreationOptions(input, who);
const get = (input: unknown, who: CallerContext = caller) => parseRequestOptions(input, who);

describe('parseCreationOptions', () => {
  it('parses a complete request', () => {
    const options = create(
      creation({
        timeout: 60_000,
        excludeCredentials: [{ type: 'public-key', id: b64(32, 7), transports: ['usb', 'hybrid'] }],
        authenticatorSelection: {
          authenticatorAttachment: 'cross-platform',
          residentKey: 'required',
          userVerification: 'required',
        },
        attestation: 'direct',
        extensions: { credProps: true, largeBlob: { support: 'required' } },
        hints: ['security-key'],
        unknownMember: 'ignored',
      }),
    );
    expect(options).toEqual({
      rp: { id: 'example.com', name: 'Example' },
      user: { id: new Uint8Array(16).fill(1), name: 'alice@example.com', displayName: 'Alice' },
      challenge: new Uint8Array(32).fill(1),
      pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
      excludeCredentials: [
        { type: 'public-key', id: new Uint8Array(32).fill(7), transports: ['usb', 'hybrid'] },
      ],
      residentKey: 'required',
      userVerification: 'required',
      attestation: 'direct',
      extensions: { credProps: true, largeBlob: { support: 'required' } },
      authenticatorAttachment: 'cross-platform',
    });
  });

  it('applies the defaults of a minimal request', () => {
    const options = create(creation());
    expect(options.excludeCredentials).toEqual([]);
    expect(options.residentKey).toBe('discouraged');
    expect(options.userVerification).toBe('preferred');
    expect(options.attestation).toBe('none');
    expect(options.extensions).toEqual({ credProps: false });
    expect(options).not.toHaveProperty('authenticatorAttachment');
  });

  describe('rp.id (WebAuthn L3 §5.1.3 step 8)', () => {
    it('defaults to the effective domain', () => {
      expect(create(creation({ rp: { name: 'Example' } })).rp.id).toBe('login.example.com');
    });

    it('rejects an invalid rp.id with SecurityError', () => {
      expect(errorName(() => create(creation({ rp: { id: 'accounts.example.com', name: 'x' } })))).toBe(
        'SecurityError',
      );
      expect(errorName(() => create(creation({ rp: { id: 'com', name: 'x' } })))).toBe('SecurityError');
      expect(errorName(() => create(creation({ rp: { id: '', name: 'x' } })))).toBe('SecurityError');
    });

    it('rejects a mistyped rp.id with TypeError', () => {
      expect(errorName(() => create(creation({ rp: { id: 42, name: 'x' } })))).toBe('TypeError');
      expect(errorName(() => create(creation({ rp: { id: null, name: 'x' } })))).toBe('TypeError');
    });
  });

  describe('caller origin (WebAuthn L3 §5.1.3 steps 6–7)', () => {
    it('rejects an opaque origin with NotAllowedError', () => {
      expect(errorName(() => create(creation(), { origin: 'null', sameOriginWithAncestors: true }))).toBe(
        'NotAllowedError',
      );
    });

    it('rejects an insecure origin with SecurityError', () => {
      const insecure = { origin: 'http://login.example.com', sameOriginWithAncestors: true };
      expect(errorName(() => create(creation(), insecure))).toBe('SecurityError');
      expect(errorName(() => create(creation({ rp: { name: 'x' } }), insecure))).toBe('SecurityError');
    });

    it('rejects an IP-address origin with SecurityError', () => {
      const ip = { origin: 'https://127.0.0.1', sameOriginWithAncestors: true };
      expect(errorName(() => create(creation({ rp: { name: 'x' } }), ip))).toBe('SecurityError');
    });

    it('accepts http on localhost', () => {
      const local = { origin: 'http://localhost:8080', sameOriginWithAncestors: true };
      expect(create(creation({ rp: { name: 'x' } }), local).rp.id).toBe('localhost');
    });
  });

  describe('WebIDL conversion: TypeError', () => {
    const cases: [string, unknown][] = [
      ['input not an object', 'nope'],
      ['input null', null],
      ['input an array', []],
      ['rp missing', creation({ rp: undefined })],
      ['rp not an object', creation({ rp: 'example.com' })],
      ['rp.name missing', creation({ rp: { id: 'example.com' } })],
      ['rp.name a number', creation({ rp: { id: 'example.com', name: 1 } })],
      ['user missing', creation({ user: undefined })],
      ['user.id missing', creation({ user: { name: 'a', displayName: 'A' } })],
      ['user.id not base64url', creation({ user: { id: 'a+b/', name: 'a', displayName: 'A' } })],
      ['user.id an array of bytes', creation({ user: { id: [1, 2], name: 'a', displayName: 'A' } })],
      ['user.name missing', creation({ user: { id: b64(4), displayName: 'A' } })],
      ['user.displayName missing', creation({ user: { id: b64(4), name: 'a' } })],
      ['challenge missing', creation({ challenge: undefined })],
      ['challenge not base64url', creation({ challenge: 'not base64!' })],
      ['challenge impossible length', creation({ challenge: 'AAAAA' })],
      ['pubKeyCredParams missing', creation({ pubKeyCredParams: undefined })],
      ['pubKeyCredParams an object', creation({ pubKeyCredParams: { type: 'public-key', alg: -7 } })],
      ['param not an object', creation({ pubKeyCredParams: [-7] })],
      ['param.type missing', creation({ pubKeyCredParams: [{ alg: -7 }] })],
      ['param.alg missing', creation({ pubKeyCredParams: [{ type: 'public-key' }] })],
      ['param.alg a string', creation({ pubKeyCredParams: [{ type: 'public-key', alg: '-7' }] })],
      ['param.alg fractional', creation({ pubKeyCredParams: [{ type: 'public-key', alg: -7.5 }] })],
      ['param.alg beyond long', creation({ pubKeyCredParams: [{ type: 'public-key', alg: 2 ** 31 }] })],
      ['excludeCredentials an object', creation({ excludeCredentials: {} })],
      ['excludeCredentials null', creation({ excludeCredentials: null })],
      ['descriptor without id', creation({ excludeCredentials: [{ type: 'public-key' }] })],
      ['descriptor without type', creation({ excludeCredentials: [{ id: b64(16) }] })],
      ['descriptor id not base64url', creation({ excludeCredentials: [{ type: 'public-key', id: '***' }] })],
      [
        'descriptor of unknown type with a bad id',
        creation({ excludeCredentials: [{ type: 'future-key', id: '***' }] }),
      ],
      [
        'transports not an array',
        creation({ excludeCredentials: [{ type: 'public-key', id: b64(16), transports: 'usb' }] }),
      ],
      [
        'transport not a string',
        creation({ excludeCredentials: [{ type: 'public-key', id: b64(16), transports: [1] }] }),
      ],
      ['authenticatorSelection a string', creation({ authenticatorSelection: 'required' })],
      ['requireResidentKey a string', creation({ authenticatorSelection: { requireResidentKey: 'true' } })],
      ['extensions an array', creation({ extensions: [] })],
      ['credProps a number', creation({ extensions: { credProps: 1 } })],
    ];
    it.each(cases)('%s', (_title, input) => {
      expect(errorName(() => create(input))).toBe('TypeError');
    });
  });

  describe('user.id length (WebAuthn L3 §5.1.3 step 5)', () => {
    it('accepts 1 and 64 bytes', () => {
      expect(create(creation({ user: { id: b64(1), name: 'a', displayName: 'A' } })).user.id).toHaveLength(1);
      expect(create(creation({ user: { id: b64(64), name: 'a', displayName: 'A' } })).user.id).toHaveLength(
        64,
      );
    });

    it('accepts an empty user.id, as Chrome does', () => {
      expect(create(creation({ user: { id: '', name: 'a', displayName: 'A' } })).user.id).toHaveLength(0);
    });

    it('rejects 65 bytes with TypeError', () => {
      expect(errorName(() => create(creation({ user: { id: b64(65), name: 'a', displayName: 'A' } })))).toBe(
        'TypeError',
      );
    });

    it('checks user.id before the origin, as the spec orders the steps', () => {
      const input = creation({ user: { id: b64(65), name: 'a', displayName: 'A' } });
      expect(errorName(() => create(input, { origin: 'null', sameOriginWithAncestors: true }))).toBe(
        'TypeError',
      );
    });
  });

  describe('pubKeyCredParams (WebAuthn L3 §5.1.3 step 12)', () => {
    it('defaults an empty list to ES256 then RS256', () => {
      expect(create(creation({ pubKeyCredParams: [] })).pubKeyCredParams).toEqual([
        { type: 'public-key', alg: -7 },
        { type: 'public-key', alg: -257 },
      ]);
    });

    it('skips unknown types and keeps order, duplicates and unknown algorithms', () => {
      const params = [
        { type: 'future-key', alg: -7 },
        { type: 'public-key', alg: -8 },
        { type: 'public-key', alg: -7 },
        { type: 'public-key', alg: -8 },
        { type: 'public-key', alg: 12345 },
      ];
      expect(create(creation({ pubKeyCredParams: params })).pubKeyCredParams).toEqual(params.slice(1));
    });

    it('throws NotSupportedError when no entry is public-key', () => {
      const params = [{ type: 'future-key', alg: -7 }];
      expect(errorName(() => create(creation({ pubKeyCredParams: params })))).toBe('NotSupportedError');
    });
  });

  describe('timeout (WebAuthn L3 §5.1.3 step 4)', () => {
    it.each([
      [undefined, TIMEOUT_LIMITS.defaultMs],
      ['60000', TIMEOUT_LIMITS.defaultMs],
      [Number.NaN, TIMEOUT_LIMITS.defaultMs],
      [Number.POSITIVE_INFINITY, TIMEOUT_LIMITS.defaultMs],
      [0, TIMEOUT_LIMITS.minMs],
      [-5, TIMEOUT_LIMITS.minMs],
      [120_000, 120_000],
      [10_000_000, TIMEOUT_LIMITS.maxMs],
    ])('%s → %s', (timeout, expected) => {
      // The worker's deadline is set from the same clamp before the options are parsed.
      expect(adjustTimeout(timeout)).toBe(expected);
      expect(() => create(creation({ timeout }))).not.toThrow();
    });
  });

  describe('authenticatorSelection, attestation: unknown values are ignored', () => {
    it('derives residentKey from requireResidentKey only when residentKey is absent or unknown', () => {
      const rk = (selection: unknown) => create(creation({ authenticatorSelection: selection })).residentKey;
      expect(rk({ requireResidentKey: true })).toBe('required');
      expect(rk({ requireResidentKey: false })).toBe('discouraged');
      expect(rk({ residentKey: 'preferred', requireResidentKey: true })).toBe('preferred');
      expect(rk({ residentKey: 'always', requireResidentKey: true })).toBe('required');
      expect(rk({ residentKey: 'always' })).toBe('discouraged');
      expect(rk(null)).toBe('discouraged');
    });

    it('ignores unknown userVerification, attestation and attachment values', () => {
      const options = create(
        creation({
          authenticatorSelection: { userVerification: 'sometimes', authenticatorAttachment: 'usb' },
          attestation: 'everything',
        }),
      );
      expect(options.userVerification).toBe('preferred');
      expect(options.attestation).toBe('none');
      expect(options).not.toHaveProperty('authenticatorAttachment');
    });

    it('ignores wrongly typed DOMString enum members like unknown values', () => {
      const options = create(creation({ authenticatorSelection: { userVerification: 1 }, attestation: {} }));
      expect(options.userVerification).toBe('preferred');
      expect(options.attestation).toBe('none');
    });

    it('reports a platform attachment for the ceremony to decide', () => {
      const selection = { authenticatorAttachment: 'platform' };
      expect(create(creation({ authenticatorSelection: selection })).authenticatorAttachment).toBe(
        'platform',
      );
    });
  });

  describe('excludeCredentials', () => {
    it('keeps public-key entries only and drops unknown or repeated transports', () => {
      const options = create(
        creation({
          excludeCredentials: [
            { type: 'public-key', id: b64(16, 1) },
            { type: 'future-key', id: b64(16, 2) },
            { type: 'public-key', id: b64(16, 3), transports: ['usb', 'quantum', 'usb', 'nfc'] },
          ],
        }),
      );
      expect(options.excludeCredentials).toEqual([
        { type: 'public-key', id: new Uint8Array(16).fill(1) },
        { type: 'public-key', id: new Uint8Array(16).fill(3), transports: ['usb', 'nfc'] },
      ]);
    });
  });

  describe('size limits: TypeError', () => {
    it('accepts values at the limits', () => {
      const name = 'é'.repeat(LIMITS.nameMaxBytes / 2);
      const options = create(
        creation({
          rp: { id: 'example.com', name },
          challenge: b64(LIMITS.challengeMaxBytes),
          excludeCredentials: Array.from({ length: LIMITS.descriptorsMax }, () => ({
            type: 'public-key',
            id: b64(LIMITS.credentialIdMaxBytes),
          })),
        }),
      );
      expect(options.rp.name).toBe(name);
      expect(options.challenge).toHaveLength(LIMITS.challengeMaxBytes);
      expect(options.excludeCredentials).toHaveLength(LIMITS.descriptorsMax);
    });

    it('accepts short and even empty challenges, as browsers do', () => {
      expect(create(creation({ challenge: b64(1) })).challenge).toHaveLength(1);
      expect(create(creation({ challenge: '' })).challenge).toHaveLength(0);
    });

    it('cuts names over the limit on a character boundary instead of refusing them (Chrome takes any length)', () => {
      const options = create(
        creation({
          rp: { name: 'é'.repeat(LIMITS.nameMaxBytes / 2 + 1) },
          user: {
            id: b64(8),
            name: `x${'😀'.repeat(LIMITS.nameMaxBytes)}`,
            displayName: 'y'.repeat(5_000_000),
          },
        }),
      );
      expect(options.rp.name).toBe('é'.repeat(LIMITS.nameMaxBytes / 2));
      // 1 + 4 × 255 = 1021 bytes; one more emoji would need 1025.
      expect(options.user.name).toBe(`x${'😀'.repeat(255)}`);
      expect(options.user.displayName).toHaveLength(LIMITS.nameMaxBytes);
    });

    const tooBig: [string, Record<string, unknown>][] = [
      ['challenge', { challenge: b64(LIMITS.challengeMaxBytes + 1) }],
      ['challenge string far too long', { challenge: 'A'.repeat(10_000_000) }],
      [
        'credential id',
        { excludeCredentials: [{ type: 'public-key', id: b64(LIMITS.credentialIdMaxBytes + 1) }] },
      ],
      [
        'excludeCredentials count',
        {
          excludeCredentials: Array.from({ length: LIMITS.descriptorsMax + 1 }, () => ({
            type: 'x',
            id: '',
          })),
        },
      ],
      [
        'pubKeyCredParams count',
        {
          pubKeyCredParams: Array.from({ length: LIMITS.pubKeyCredParamsMax + 1 }, () => ({
            type: 'x',
            alg: 1,
          })),
        },
      ],
    ];
    it.each(tooBig)('%s', (_title, overrides) => {
      expect(errorName(() => create(creation(overrides)))).toBe('TypeError');
    });

    it('names the field and the limit, not the value', () => {
      expect(() => create(creation({ challenge: b64(LIMITS.challengeMaxBytes + 1) }))).toThrow(
        /challenge .*65536/,
      );
    });
  });

  describe('appidExclude (WebAuthn L3 §10.1.2): the caller must be allowed to claim the AppID', () => {
    const withExclude = (appidExclude: string) => creation({ extensions: { appidExclude } });
    it('accepts the caller’s own site and an empty value', () => {
      expect(errorName(() => create(withExclude('https://example.com/app-id.json')))).toBe('ok');
      expect(errorName(() => create(withExclude('')))).toBe('ok');
    });
    it('refuses another site, or any AppID on http://localhost, with SecurityError', () => {
      expect(errorName(() => create(withExclude('https://evil.example/app-id.json')))).toBe('SecurityError');
      const local = { origin: 'http://localhost:8080', sameOriginWithAncestors: true };
      expect(
        errorName(() => create(creation({ rp: { name: 'x' }, extensions: { appidExclude: '' } }), local)),
      ).toBe('SecurityError');
    });
    it('checks the RP ID first', () => {
      const input = creation({
        rp: { id: 'evil.example', name: 'x' },
        extensions: { appidExclude: 'https://x.test' },
      });
      expect(() => create(input)).toThrow(/relying party|RP ID|rp\.id/i);
    });
  });

  describe('credentialProtectionPolicy: combinations Chrome refuses are NotSupportedError', () => {
    const withPolicy = (
      extensions: Record<string, unknown>,
      authenticatorSelection: Record<string, unknown> = {},
    ) => errorName(() => create(creation({ extensions, authenticatorSelection })));
    it.each([
      ['enforcing no policy', { enforceCredentialProtectionPolicy: true }, {}, 'NotSupportedError'],
      [
        'enforcing userVerificationOptional',
        { credentialProtectionPolicy: 'userVerificationOptional', enforceCredentialProtectionPolicy: true },
        { residentKey: 'required' },
        'NotSupportedError',
      ],
      [
        'userVerificationOptional without a resident key',
        { credentialProtectionPolicy: 'userVerificationOptional' },
        {},
        'NotSupportedError',
      ],
      [
        'userVerificationOptional with a resident key',
        { credentialProtectionPolicy: 'userVerificationOptional' },
        { residentKey: 'preferred' },
        'ok',
      ],
      [
        'userVerificationRequired without required UV',
        { credentialProtectionPolicy: 'userVerificationRequired' },
        {},
        'NotSupportedError',
      ],
      [
        'userVerificationRequired with required UV, enforced',
        { credentialProtectionPolicy: 'userVerificationRequired', enforceCredentialProtectionPolicy: true },
        { userVerification: 'required' },
        'ok',
      ],
      [
        'userVerificationOptionalWithCredentialIDList',
        { credentialProtectionPolicy: 'userVerificationOptionalWithCredentialIDList' },
        {},
        'ok',
      ],
    ])('%s', (_title, extensions, selection, expected) => {
      expect(withPolicy(extensions, selection)).toBe(expected);
    });
  });
});

describe('parseRequestOptions', () => {
  it('parses a complete request', () => {
    const options = get(
      request({
        rpId: 'example.com',
        timeout: 30_000,
        allowCredentials: [
          { type: 'public-key', id: b64(16, 5), transports: ['internal'] },
          { type: 'other', id: b64(16, 6) },
        ],
        userVerification: 'discouraged',
        extensions: { appid: 'https://example.com/app-id.json' },
        hints: ['client-device'],
      }),
    );
    expect(options).toEqual({
      rpId: 'example.com',
      challenge: new Uint8Array(32).fill(1),
      allowCredentials: [{ type: 'public-key', id: new Uint8Array(16).fill(5), transports: ['internal'] }],
      userVerification: 'discouraged',
      extensions: {},
    });
  });

  it('applies the defaults of a minimal request', () => {
    expect(get(request())).toEqual({
      rpId: 'login.example.com',
      challenge: new Uint8Array(32).fill(1),
      allowCredentials: [],
      userVerification: 'preferred',
      extensions: {},
    });
  });

  it('ignores an unknown userVerification value', () => {
    expect(get(request({ userVerification: 'always' })).userVerification).toBe('preferred');
  });

  it('validates rpId (WebAuthn L3 §5.1.4.1 step 7): SecurityError', () => {
    expect(errorName(() => get(request({ rpId: 'evil.com' })))).toBe('SecurityError');
    expect(errorName(() => get(request({ rpId: 'EXAMPLE.com' })))).toBe('SecurityError');
    expect(errorName(() => get(request({ rpId: 'example.com:443' })))).toBe('SecurityError');
  });

  it('checks the caller origin (WebAuthn L3 §5.1.4.1 steps 5–6)', () => {
    expect(errorName(() => get(request(), { origin: 'null', sameOriginWithAncestors: true }))).toBe(
      'NotAllowedError',
    );
    expect(
      errorName(() => get(request(), { origin: 'http://example.com', sameOriginWithAncestors: true })),
    ).toBe('SecurityError');
  });

  it('allows a cross-origin caller (the permissions policy is checked by the browser side)', () => {
    const framed = {
      origin: 'https://login.example.com',
      topOrigin: 'https://shop.example',
      sameOriginWithAncestors: false,
    };
    expect(get(request(), framed).rpId).toBe('login.example.com');
  });

  const typeErrors: [string, unknown][] = [
    ['input not an object', 42],
    ['challenge missing', {}],
    ['challenge a number', request({ challenge: 5 })],
    ['challenge too long', request({ challenge: b64(LIMITS.challengeMaxBytes + 1) })],
    ['rpId a number', request({ rpId: 1 })],
    ['allowCredentials a string', request({ allowCredentials: 'x' })],
    ['allowCredentials entry without id', request({ allowCredentials: [{ type: 'public-key' }] })],
    [
      'allowCredentials count',
      request({
        allowCredentials: Array.from({ length: LIMITS.descriptorsMax + 1 }, () => ({ type: 'x', id: '' })),
      }),
    ],
    [
      'allowCredentials id too long',
      request({ allowCredentials: [{ type: 'public-key', id: b64(LIMITS.credentialIdMaxBytes + 1) }] }),
    ],
    ['extensions a string', request({ extensions: 'credProps' })],
    ['appid not a string', request({ extensions: { appid: 1 } })],
    ['largeBlob.write not base64url text', request({ extensions: { largeBlob: { write: 5 } } })],
  ];
  it.each(typeErrors)('TypeError: %s', (_title, input) => {
    expect(errorName(() => get(input))).toBe('TypeError');
  });
});

describe('parseRequestOptions: the browser-side extension checks', () => {
  it('appid (WebAuthn L3 §10.1.1): the caller’s site passes, another is SecurityError', () => {
    expect(errorName(() => get(request({ extensions: { appid: 'https://example.com/app-id.json' } })))).toBe(
      'ok',
    );
    expect(errorName(() => get(request({ extensions: { appid: 'https://evil.example/x' } })))).toBe(
      'SecurityError',
    );
    const local = { origin: 'http://localhost:8080', sameOriginWithAncestors: true };
    expect(errorName(() => get(request({ extensions: { appid: '' } }), local))).toBe('SecurityError');
  });

  it('largeBlob (§10.1.5): read or write, and a write names exactly one credential', () => {
    const one = [{ type: 'public-key', id: b64(16) }];
    const two = [...one, { type: 'public-key', id: b64(16, 2) }];
    const blob = (largeBlob: unknown, allowCredentials: unknown[] = one) =>
      errorName(() => get(request({ allowCredentials, extensions: { largeBlob } })));
    expect(blob({ read: true, write: 'AAAA' })).toBe('NotSupportedError');
    expect(blob({ write: 'AAAA' }, two)).toBe('NotSupportedError');
    expect(blob({ write: 'AAAA' }, [])).toBe('NotSupportedError');
    expect(blob({ write: 'AAAA' })).toBe('ok');
    expect(blob({ read: true }, [])).toBe('ok');
  });
});
