/**
 * The cases Chrome answers as the oracle of argument handling (issue 9): bad arguments derived from
 * the web-platform-tests `webauthn/` directory (createcredential-badargs-*, getcredential-badargs-*,
 * *-extensions, *-pubkeycredparams, *-excludecredentials, *-timeout; the expectations there are
 * partly outdated, which is why the outcome is recorded from Chrome, not taken from WPT), the
 * Credential Management container rules, the `null`s servers send, and a seeded fuzzer of option
 * mutations. `record.ts` runs them in plain Chromium and writes the outcomes to
 * test/fixtures/webidl/chrome-outcomes.json; test/e2e/chrome-parity.spec.ts replays that fixture.
 *
 * A case is a base (one of BASES) plus `set`: [path, value] pairs. Values are JSON, with tags for
 * what JSON cannot say; harness.js decodes them in the page:
 *   {"$":"undefined"}                          the member present with the value undefined
 *   {"$":"absent"}                             the member deleted (only as a `set` value)
 *   {"$":"number","value":"NaN"|"Infinity"|"-Infinity"|"-0"}
 *   {"$":"bigint","value":"5"}  {"$":"symbol"}  {"$":"function"}  {"$":"Date"}
 *   {"$":"buffer","type":"ArrayBuffer"|"DataView"|"Uint8Array"|…,"bytes":n,"fill":k}
 *   {"$":"shared","view":bool,"bytes":n}       a SharedArrayBuffer (from shared wasm memory) or a view
 *   {"$":"resizable","bytes":n}                a resizable ArrayBuffer
 *   {"$":"detached","view":bool}               a detached ArrayBuffer, or a view on one
 *   {"$":"credentialId"}                       the id of the credential the get() cases find
 *   {"$":"host"}                               location.host (host:port)
 *   {"$":"string","length":n,"char":"a"}       a long string
 *   {"$":"toString","value":"x"}               an object whose toString() returns "x"
 *   {"$":"Set","values":[…]}  {"$":"iterator","values":[…]}  {"$":"arrayLike","values":[…]}
 *   {"$":"AbortSignal"}  {"$":"AbortSignal.aborted"}
 */

export type Tagged = null | boolean | number | string | Tagged[] | { [key: string]: Tagged };
export type Path = readonly (string | number)[];
export type Mutation = readonly [Path, Tagged];
export type Kind = 'create' | 'get';

export interface OracleCase {
  id: string;
  /** One page per group in the replay. */
  group: string;
  kind: Kind;
  title: string;
  set: Mutation[];
}

/** What the page saw: a DOMException name, 'TypeError', or 'success'. */
export interface RecordedCase extends OracleCase {
  outcome: string;
  /** Why the recorded outcome is not the first answer Chrome gave (see record.ts). */
  note?: string;
}

const tag = (name: string, extra: Record<string, Tagged> = {}): Tagged => ({ $: name, ...extra });
export const UNDEFINED = tag('undefined');
export const ABSENT = tag('absent');
const num = (value: 'NaN' | 'Infinity' | '-Infinity' | '-0') => tag('number', { value });
const bytes = (n: number, type = 'Uint8Array', fill = 0) => tag('buffer', { type, bytes: n, fill });

/** The options every case starts from: each succeeds in Chrome (and reaches Tapkey's prompt). */
export const BASES: Record<Kind, Tagged> = {
  create: {
    publicKey: {
      rp: { name: 'Tapkey parity' },
      user: { id: bytes(16, 'Uint8Array', 1), name: 'alice', displayName: 'Alice' },
      challenge: bytes(32, 'Uint8Array', 2),
      pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
      timeout: 60_000,
      excludeCredentials: [{ type: 'public-key', id: bytes(16, 'Uint8Array', 9), transports: ['usb'] }],
      authenticatorSelection: { requireResidentKey: false, userVerification: 'preferred' },
      attestation: 'none',
      extensions: { credProps: true },
    },
  },
  get: {
    publicKey: {
      challenge: bytes(32, 'Uint8Array', 2),
      rpId: 'localhost',
      allowCredentials: [{ type: 'public-key', id: tag('credentialId'), transports: ['usb'] }],
      userVerification: 'preferred',
      timeout: 60_000,
      extensions: {},
    },
  },
};

function clone(value: Tagged): Tagged {
  return JSON.parse(JSON.stringify(value)) as Tagged;
}

/** The base with the case's mutations applied, still tagged (harness.js decodes it in the page). */
export function optionsOf(kind: Kind, set: readonly Mutation[]): Tagged {
  const root: { options: Tagged } = { options: clone(BASES[kind]) };
  for (const [path, value] of set) {
    let parent: Record<string | number, Tagged> = root as unknown as Record<string, Tagged>;
    let key: string | number = 'options';
    for (const step of path) {
      const next = parent[key];
      if (next === null || typeof next !== 'object') {
        throw new Error(`path ${path.join('.')} goes through a non-object`);
      }
      parent = next as Record<string | number, Tagged>;
      key = step;
    }
    if (JSON.stringify(value) === JSON.stringify(ABSENT)) {
      if (Array.isArray(parent)) throw new Error('cannot delete an array element');
      delete parent[key];
    } else {
      parent[key] = clone(value);
    }
  }
  return root.options;
}

// ---------------------------------------------------------------------------------------------
// Cases derived from web-platform-tests webauthn/ (and the Credential Management container).

/** A titled mutation, with more mutations applied before it when one is not enough. */
type Row = [title: string, path: Path, value: Tagged, before?: Mutation[]];

function group(name: string, kind: Kind, rows: Row[]): OracleCase[] {
  return rows.map(([title, path, value, before = []], i) => ({
    id: `${name}-${String(i + 1).padStart(2, '0')}`,
    group: name,
    kind,
    title,
    set: [...before, [path, value]],
  }));
}

/** The id of the credential the get() cases find (16 bytes of 0x51), as base64url. */
export const KNOWN_CREDENTIAL_ID = 'UVFRUVFRUVFRUVFRUVFRUQ';

const PK = 'publicKey';

function wptCases(): OracleCase[] {
  const rp = [PK, 'rp'];
  const user = [PK, 'user'];
  const sel = [PK, 'authenticatorSelection'];
  const selection = (member: string, value: Tagged): Tagged => ({
    authenticatorAttachment: 'cross-platform',
    requireResidentKey: false,
    userVerification: 'preferred',
    [member]: value,
  });
  const param = (type: Tagged, alg: Tagged): Tagged => [{ type, alg }];
  return [
    ...group('wpt-create-rp', 'create', [
      ['rp missing', rp, ABSENT],
      ['rp is a string', rp, 'hi mom'],
      ['rp is an empty object', rp, {}],
      ['rp.id missing', [...rp, 'id'], ABSENT],
      ['rp.id is an object', [...rp, 'id'], {}],
      ['rp.id is null', [...rp, 'id'], null],
      ['rp.id is the empty string', [...rp, 'id'], ''],
      ['rp.id is localhost', [...rp, 'id'], 'localhost'],
      ['rp.name missing', [...rp, 'name'], ABSENT],
      ['rp.name is an object', [...rp, 'name'], {}],
      ['rp.name is null', [...rp, 'name'], null],
      ['rp.name is the empty string', [...rp, 'name'], ''],
      ['rp.icon is an object (no longer a member)', [...rp, 'icon'], {}],
      ['rp.icon is null', [...rp, 'icon'], null],
    ]),
    ...group('wpt-create-user', 'create', [
      ['user missing', user, ABSENT],
      ['user is a string', user, 'hi mom'],
      ['user is an empty object', user, {}],
      ['user.id missing', [...user, 'id'], ABSENT],
      ['user.id is an object', [...user, 'id'], {}],
      ['user.id is null', [...user, 'id'], null],
      ['user.id is the empty string', [...user, 'id'], ''],
      ['user.id is an empty Array', [...user, 'id'], []],
      ['user.id is an empty ArrayBuffer', [...user, 'id'], bytes(0, 'ArrayBuffer')],
      ['user.id is 64 bytes', [...user, 'id'], bytes(64, 'ArrayBuffer')],
      ['user.id is 65 bytes', [...user, 'id'], bytes(65, 'ArrayBuffer')],
      ['user.id is an Int16Array of 66 bytes', [...user, 'id'], bytes(66, 'Int16Array')],
      ['user.id is an Int32Array of 68 bytes', [...user, 'id'], bytes(68, 'Int32Array')],
      ['user.id is a Float32Array of 68 bytes', [...user, 'id'], bytes(68, 'Float32Array')],
      ['user.id is a Float64Array of 72 bytes', [...user, 'id'], bytes(72, 'Float64Array')],
      ['user.id is a DataView of 65 bytes', [...user, 'id'], bytes(65, 'DataView')],
      ['user.name missing', [...user, 'name'], ABSENT],
      ['user.name is an object', [...user, 'name'], {}],
      ['user.name is null', [...user, 'name'], null],
      ['user.name is the empty string', [...user, 'name'], ''],
      ['user.icon is an object (no longer a member)', [...user, 'icon'], {}],
      ['user.displayName missing', [...user, 'displayName'], ABSENT],
      ['user.displayName is an object', [...user, 'displayName'], {}],
      ['user.displayName is null', [...user, 'displayName'], null],
      ['user.displayName is the empty string', [...user, 'displayName'], ''],
    ]),
    ...group('wpt-create-challenge', 'create', [
      ['challenge missing', [PK, 'challenge'], ABSENT],
      ['challenge is a string', [PK, 'challenge'], 'hi mom'],
      ['challenge is null', [PK, 'challenge'], null],
      ['challenge is an empty object', [PK, 'challenge'], {}],
      ['challenge is an empty Array', [PK, 'challenge'], []],
      ['challenge is an empty ArrayBuffer', [PK, 'challenge'], bytes(0, 'ArrayBuffer')],
      ['challenge is an Int16Array', [PK, 'challenge'], bytes(66, 'Int16Array')],
      ['challenge is an Int32Array', [PK, 'challenge'], bytes(68, 'Int32Array')],
      ['challenge is a Float32Array', [PK, 'challenge'], bytes(68, 'Float32Array')],
      ['challenge is a Float64Array', [PK, 'challenge'], bytes(72, 'Float64Array')],
      ['challenge is a DataView', [PK, 'challenge'], bytes(65, 'DataView')],
      ['challenge is 8192 bytes', [PK, 'challenge'], bytes(8192, 'ArrayBuffer')],
      ['challenge is a SharedArrayBuffer', [PK, 'challenge'], tag('shared', { view: false })],
      ['challenge is a view on a SharedArrayBuffer', [PK, 'challenge'], tag('shared', { view: true })],
      ['challenge is a resizable ArrayBuffer', [PK, 'challenge'], tag('resizable')],
      ['challenge is a detached ArrayBuffer', [PK, 'challenge'], tag('detached', { view: false })],
      ['challenge is a view on a detached ArrayBuffer', [PK, 'challenge'], tag('detached', { view: true })],
    ]),
    ...group('wpt-create-attestation', 'create', [
      ['attestation is an empty object', [PK, 'attestation'], {}],
      ['attestation is an empty array', [PK, 'attestation'], []],
      ['attestation is null', [PK, 'attestation'], null],
      ['attestation is an unknown value', [PK, 'attestation'], 'noneofyourbusiness'],
      ['attestation is the empty string', [PK, 'attestation'], ''],
      ['attestation is direct', [PK, 'attestation'], 'direct'],
      ['attestation is enterprise', [PK, 'attestation'], 'enterprise'],
    ]),
    ...group('wpt-create-authnrselection', 'create', [
      ['authenticatorSelection is the empty string', sel, ''],
      ['authenticatorSelection is a string', sel, 'none'],
      ['authenticatorSelection is null', sel, null],
      ['authenticatorAttachment is the empty string', sel, selection('authenticatorAttachment', '')],
      ['authenticatorAttachment is an empty object', sel, selection('authenticatorAttachment', {})],
      ['authenticatorAttachment is null', sel, selection('authenticatorAttachment', null)],
      ['requireResidentKey is true', sel, selection('requireResidentKey', true)],
      ['requireResidentKey is a string', sel, selection('requireResidentKey', 'foo')],
      ['requireResidentKey is null', sel, selection('requireResidentKey', null)],
      ['residentKey is null', sel, selection('residentKey', null)],
      ['residentKey is required', sel, selection('residentKey', 'required')],
      ['userVerification is the empty string', sel, selection('userVerification', '')],
      ['userVerification is an empty object', sel, selection('userVerification', {})],
      [
        'userVerification is an unknown value',
        sel,
        selection('userVerification', 'requiredshirtshoestshirt'),
      ],
      ['userVerification is null', sel, selection('userVerification', null)],
      ['userVerification is required', sel, selection('userVerification', 'required')],
    ]),
    ...group('wpt-create-pubkeycredparams', 'create', [
      ['pubKeyCredParams missing', [PK, 'pubKeyCredParams'], ABSENT],
      ['pubKeyCredParams is a string', [PK, 'pubKeyCredParams'], 'hi mom'],
      ['pubKeyCredParams is null', [PK, 'pubKeyCredParams'], null],
      ['pubKeyCredParams is empty', [PK, 'pubKeyCredParams'], []],
      ['only an unknown type', [PK, 'pubKeyCredParams'], param('something-else', -36)],
      ['type is the empty string', [PK, 'pubKeyCredParams'], param('', -36)],
      ['type is null', [PK, 'pubKeyCredParams'], param(null, -36)],
      ['type is an empty object', [PK, 'pubKeyCredParams'], param({}, -36)],
      ['alg is 42', [PK, 'pubKeyCredParams'], param('public-key', 42)],
      ['alg is 0', [PK, 'pubKeyCredParams'], param('public-key', 0)],
      [
        'an unknown type beside public-key',
        [PK, 'pubKeyCredParams'],
        [
          { type: 'something-else', alg: -7 },
          { type: 'public-key', alg: -7 },
        ],
      ],
    ]),
    ...group('wpt-create-excludecredentials', 'create', [
      ['excludeCredentials is a string', [PK, 'excludeCredentials'], 'hi mom'],
      ['excludeCredentials is an empty object', [PK, 'excludeCredentials'], {}],
      ['excludeCredentials missing', [PK, 'excludeCredentials'], ABSENT],
      ['excludeCredentials is empty', [PK, 'excludeCredentials'], []],
      ['excludeCredentials is null', [PK, 'excludeCredentials'], null],
      [
        'a random 162-byte credential id',
        [PK, 'excludeCredentials'],
        [{ type: 'public-key', id: bytes(162, 'Uint8Array', 7) }],
      ],
      [
        '65 descriptors',
        [PK, 'excludeCredentials'],
        Array.from({ length: 65 }, () => ({
          type: 'public-key',
          id: bytes(16, 'Uint8Array', 5),
        })),
      ],
    ]),
    ...group('wpt-create-extensions', 'create', [
      ['extensions is a string', [PK, 'extensions'], 'hi mom'],
      ['extensions is null', [PK, 'extensions'], null],
      ['an unknown extension', [PK, 'extensions'], { foo: JSON.stringify({ x: { foo: true, bar: 'yup' } }) }],
      ['appid is the empty string', [PK, 'extensions'], { appid: '' }],
      ['appid is null', [PK, 'extensions'], { appid: null }],
      ['appid is a string', [PK, 'extensions'], { appid: 'anything' }],
      ['largeBlob read at create', [PK, 'extensions'], { largeBlob: { read: true } }],
      ['prf evalByCredential at create', [PK, 'extensions'], { prf: { evalByCredential: {} } }],
    ]),
    ...group('wpt-create-timeout', 'create', [
      ['timeout is -1', [PK, 'timeout'], -1],
      ['timeout is 2^32', [PK, 'timeout'], 4_294_967_296],
      ['timeout is 1', [PK, 'timeout'], 1],
      ['timeout is null', [PK, 'timeout'], null],
      ['timeout is a string', [PK, 'timeout'], '60000'],
    ]),
    ...group('wpt-get-rpid', 'get', [
      ['rpId is the empty string', [PK, 'rpId'], ''],
      ['rpId is null', [PK, 'rpId'], null],
      ['rpId has a space', [PK, 'rpId'], 'invalid domain.com'],
      ['rpId starts with a dash', [PK, 'rpId'], '-invaliddomain.com'],
      ['rpId starts with a digit', [PK, 'rpId'], '0invaliddomain.com'],
      ['rpId is host and port', [PK, 'rpId'], tag('host')],
      ['rpId missing', [PK, 'rpId'], ABSENT],
    ]),
    ...group('wpt-get-userverification', 'get', [
      ['userVerification is the empty string', [PK, 'userVerification'], ''],
      ['userVerification is an empty object', [PK, 'userVerification'], {}],
      ['userVerification is an unknown value', [PK, 'userVerification'], 'requiredshirtshoestshirt'],
      ['userVerification is null', [PK, 'userVerification'], null],
      ['userVerification is required', [PK, 'userVerification'], 'required'],
    ]),
    ...group('wpt-get-extensions', 'get', [
      ['extensions is a string', [PK, 'extensions'], 'hi mom'],
      ['extensions is null', [PK, 'extensions'], null],
      ['extensions is an empty Array', [PK, 'extensions'], []],
      ['extensions is an empty ArrayBuffer', [PK, 'extensions'], bytes(0, 'ArrayBuffer')],
      ['an unknown extension', [PK, 'extensions'], { foo: { foo: true, bar: 'yup' } }],
      ['a 65-character unknown extension', [PK, 'extensions'], { ['x'.repeat(65)]: { foo: true } }],
      ['credProps at get', [PK, 'extensions'], { credProps: true }],
      ['payment at get', [PK, 'extensions'], { payment: { isPayment: true } }],
      ['largeBlob support at get', [PK, 'extensions'], { largeBlob: { support: 'required' } }],
    ]),
    ...group('chrome-extensions-create', 'create', [
      ['appidExclude is the empty string', [PK, 'extensions', 'appidExclude'], ''],
      ['appidExclude is an https URL', [PK, 'extensions', 'appidExclude'], 'https://localhost/app-id.json'],
      ['appidExclude is not a URL', [PK, 'extensions', 'appidExclude'], 'not a url'],
      [
        'credentialProtectionPolicy is unknown',
        [PK, 'extensions', 'credentialProtectionPolicy'],
        'sometimes',
      ],
      [
        'credentialProtectionPolicy is known',
        [PK, 'extensions', 'credentialProtectionPolicy'],
        'userVerificationRequired',
      ],
      ['prf eval input over 256 bytes', [PK, 'extensions', 'prf'], { eval: { first: bytes(300) } }],
      ['prf eval', [PK, 'extensions', 'prf'], { eval: { first: bytes(32) } }],
      ['prf eval without first', [PK, 'extensions', 'prf'], { eval: {} }],
      ['largeBlob support required', [PK, 'extensions', 'largeBlob'], { support: 'required' }],
      ['largeBlob write at create', [PK, 'extensions', 'largeBlob'], { write: bytes(4) }],
      ['hmacCreateSecret', [PK, 'extensions', 'hmacCreateSecret'], true],
      ['credBlob', [PK, 'extensions', 'credBlob'], bytes(8)],
      ['minPinLength', [PK, 'extensions', 'minPinLength'], true],
      ['credProps is a string', [PK, 'extensions', 'credProps'], 'no'],
    ]),
    ...group('chrome-extensions-get', 'get', [
      ['appid is not a URL', [PK, 'extensions', 'appid'], 'not a url'],
      ['appid is an http URL of this origin', [PK, 'extensions', 'appid'], 'http://localhost/app-id.json'],
      ['appidExclude at get', [PK, 'extensions', 'appidExclude'], 'not a url'],
      ['largeBlob read', [PK, 'extensions', 'largeBlob'], { read: true }],
      ['largeBlob write to one credential', [PK, 'extensions', 'largeBlob'], { write: bytes(4) }],
      ['largeBlob write over 2 KiB', [PK, 'extensions', 'largeBlob'], { write: bytes(3000) }],
      ['prf eval', [PK, 'extensions', 'prf'], { eval: { first: bytes(32), second: bytes(32) } }],
      ['prf eval input over 256 bytes', [PK, 'extensions', 'prf'], { eval: { first: bytes(300) } }],
      [
        'prf evalByCredential, not base64url',
        [PK, 'extensions', 'prf'],
        { evalByCredential: { 'a+b': { first: bytes(1) } } },
      ],
      [
        'prf evalByCredential, unknown id',
        [PK, 'extensions', 'prf'],
        { evalByCredential: { AAAA: { first: bytes(1) } } },
      ],
      [
        'prf evalByCredential, empty id',
        [PK, 'extensions', 'prf'],
        { evalByCredential: { '': { first: bytes(1) } } },
      ],
      [
        'prf evalByCredential, the allowed id',
        [PK, 'extensions', 'prf'],
        {
          evalByCredential: { [KNOWN_CREDENTIAL_ID]: { first: bytes(32) } },
        },
      ],
      ['getCredBlob', [PK, 'extensions', 'getCredBlob'], true],
      ['uvm', [PK, 'extensions', 'uvm'], true],
    ]),
    ...group('container-create', 'create', [
      ['no publicKey', ['publicKey'], ABSENT],
      ['publicKey is null', ['publicKey'], null],
      ['publicKey is a string', ['publicKey'], 'x'],
      ['publicKey and password', ['password'], { id: 'alice', password: 'hunter2' }],
      ['signal is not an AbortSignal', ['signal'], {}],
      ['signal is null', ['signal'], null],
      ['signal is already aborted', ['signal'], tag('AbortSignal.aborted')],
      ['mediation is an unknown value', ['mediation'], 'bogus'],
      ['mediation is null', ['mediation'], null],
      ['mediation is required', ['mediation'], 'required'],
      ['an unknown member', ['extra'], 1],
    ]),
    ...group('container-get', 'get', [
      ['no publicKey', ['publicKey'], ABSENT],
      ['publicKey is null', ['publicKey'], null],
      ['signal is not an AbortSignal', ['signal'], 'abort'],
      ['signal is already aborted', ['signal'], tag('AbortSignal.aborted')],
      [
        'signal aborted and challenge missing',
        [PK, 'challenge'],
        ABSENT,
        [[['signal'], tag('AbortSignal.aborted')]],
      ],
      ['mediation is an unknown value', ['mediation'], 'bogus'],
      ['mediation is silent', ['mediation'], 'silent'],
      ['mediation is required', ['mediation'], 'required'],
    ]),
    ...group('server-nulls-create', 'create', [
      ['hints is null', [PK, 'hints'], null],
      ['hints is a string', [PK, 'hints'], 'security-key'],
      ['hints lists known and unknown values', [PK, 'hints'], ['security-key', 'nope']],
      ['extensions.credProps is null', [PK, 'extensions', 'credProps'], null],
      ['attestationFormats is null', [PK, 'attestationFormats'], null],
      ['transports is null', [PK, 'excludeCredentials', 0, 'transports'], null],
      ['transports lists an unknown value', [PK, 'excludeCredentials', 0, 'transports'], ['usb', 'warp']],
    ]),
    ...group('server-nulls-get', 'get', [
      [
        'prf evalByCredential with an empty allow list',
        [PK, 'allowCredentials'],
        [],
        [[[PK, 'extensions', 'prf'], { evalByCredential: { [KNOWN_CREDENTIAL_ID]: { first: bytes(32) } } }]],
      ],
      ['allowCredentials is null', [PK, 'allowCredentials'], null],
      ['allowCredentials is empty', [PK, 'allowCredentials'], []],
      ['timeout is null', [PK, 'timeout'], null],
      ['hints is null', [PK, 'hints'], null],
      ['transports is null', [PK, 'allowCredentials', 0, 'transports'], null],
    ]),
  ];
}

// ---------------------------------------------------------------------------------------------
// The seeded fuzzer.

/** mulberry32: small, fast and deterministic, so a seed always gives the same cases. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Values of every WebIDL-relevant shape: nulls, odd numbers, strings, objects, buffers, iterables. */
const GENERIC: Tagged[] = [
  null,
  UNDEFINED,
  ABSENT,
  true,
  false,
  0,
  1,
  -1,
  1.5,
  -1e300,
  1e300,
  4_294_967_296,
  2_147_483_648,
  num('NaN'),
  num('Infinity'),
  num('-0'),
  '',
  'x',
  'null',
  'public-key',
  'required',
  'localhost',
  '5',
  {},
  [],
  [null],
  ['usb'],
  [{}],
  bytes(0, 'ArrayBuffer'),
  bytes(16, 'Uint8Array', 4),
  bytes(65, 'ArrayBuffer', 6),
  bytes(16, 'DataView', 8),
  tag('shared', { view: true, bytes: 16 }),
  tag('resizable'),
  tag('detached', { view: false }),
  tag('bigint', { value: '5' }),
  tag('symbol'),
  tag('function'),
  tag('Date'),
  tag('toString', { value: 'public-key' }),
  tag('Set', { values: ['usb'] }),
  tag('arrayLike', { values: [{ type: 'public-key', alg: -7 }] }),
];

interface Site {
  path: Path;
  /** Plausible wrong values for this member, tried as often as the generic ones. */
  values: Tagged[];
}

const CREATE_SITES: Site[] = [
  { path: ['mediation'], values: ['silent', 'optional', 'bogus', 'immediate'] },
  { path: ['signal'], values: [tag('AbortSignal'), tag('AbortSignal.aborted'), {}] },
  { path: ['password'], values: [{ id: 'a', password: 'b' }] },
  { path: ['extra'], values: [{ publicKey: 1 }] },
  { path: [PK], values: [{}] },
  { path: [PK, 'rp'], values: [{ name: 'x', id: 'localhost' }, { id: 'localhost' }] },
  { path: [PK, 'rp', 'id'], values: ['localhost', 'LOCALHOST', 'example.com', 'localhost.', tag('host')] },
  { path: [PK, 'rp', 'name'], values: [tag('string', { length: 2000 }), tag('toString', { value: 'RP' })] },
  { path: [PK, 'user'], values: [{ id: bytes(1), name: 'a', displayName: 'A' }] },
  { path: [PK, 'user', 'id'], values: [bytes(64), bytes(65), bytes(1), tag('iterator', { values: [1] })] },
  { path: [PK, 'user', 'name'], values: [42, tag('toString', { value: 'bob' })] },
  { path: [PK, 'user', 'displayName'], values: [42, tag('string', { length: 300 })] },
  { path: [PK, 'challenge'], values: [bytes(1), bytes(4096, 'ArrayBuffer'), 'Y2hhbGxlbmdl'] },
  { path: [PK, 'pubKeyCredParams'], values: [tag('Set', { values: [{ type: 'public-key', alg: -7 }] }), {}] },
  { path: [PK, 'pubKeyCredParams', 0], values: [{ type: 'public-key' }, { alg: -7 }, -7] },
  {
    path: [PK, 'pubKeyCredParams', 0, 'type'],
    values: ['foo', 'PUBLIC-KEY', tag('toString', { value: 'public-key' })],
  },
  { path: [PK, 'pubKeyCredParams', 0, 'alg'], values: ['-7', -7.9, 4_294_967_289, -8, -257, 2_147_483_647] },
  { path: [PK, 'timeout'], values: [-1, 4_294_967_295, 120_000.7, '30000'] },
  { path: [PK, 'excludeCredentials'], values: ['usb', tag('iterator', { values: [] })] },
  { path: [PK, 'excludeCredentials', 0], values: [{ type: 'public-key' }, { id: bytes(16) }] },
  { path: [PK, 'excludeCredentials', 0, 'id'], values: [bytes(0), bytes(2000), 'AAAA'] },
  { path: [PK, 'excludeCredentials', 0, 'type'], values: ['foo', ''] },
  { path: [PK, 'excludeCredentials', 0, 'transports'], values: ['usb', ['usb', 'warp'], [1, 2]] },
  { path: [PK, 'authenticatorSelection'], values: [{ residentKey: 'required' }, []] },
  { path: [PK, 'authenticatorSelection', 'residentKey'], values: ['required', 'preferred', 'always'] },
  { path: [PK, 'authenticatorSelection', 'requireResidentKey'], values: ['false', 'true'] },
  {
    path: [PK, 'authenticatorSelection', 'userVerification'],
    values: ['required', 'discouraged', 'sometimes'],
  },
  { path: [PK, 'authenticatorSelection', 'authenticatorAttachment'], values: ['cross-platform', 'usb'] },
  { path: [PK, 'attestation'], values: ['direct', 'indirect', 'packed'] },
  { path: [PK, 'hints'], values: [['security-key'], ['client-device'], 'hybrid'] },
  { path: [PK, 'extensions'], values: [{ credProps: false }, { prf: {} }] },
  { path: [PK, 'extensions', 'credProps'], values: ['no', 0] },
  { path: [PK, 'extensions', 'appid'], values: ['https://localhost/app-id.json'] },
  { path: [PK, 'extensions', 'appidExclude'], values: ['not a url', 'https://localhost/app-id.json', ''] },
  {
    path: [PK, 'extensions', 'credentialProtectionPolicy'],
    values: ['userVerificationRequired', 'sometimes'],
  },
  { path: [PK, 'extensions', 'hmacCreateSecret'], values: ['yes'] },
  { path: [PK, 'extensions', 'largeBlob'], values: [{ support: 'preferred' }, { write: bytes(4) }] },
  {
    path: [PK, 'extensions', 'prf'],
    values: [{ eval: { first: bytes(32) } }, { eval: { first: bytes(300) } }, { eval: {} }],
  },
  { path: [PK, 'extensions', 'credBlob'], values: [bytes(8)] },
  { path: [PK, 'extraMember'], values: ['ignored'] },
];

const GET_SITES: Site[] = [
  { path: ['mediation'], values: ['silent', 'optional', 'bogus'] },
  { path: ['signal'], values: [tag('AbortSignal'), tag('AbortSignal.aborted'), {}] },
  { path: ['password'], values: [false, 'yes'] },
  { path: ['extra'], values: [1] },
  { path: [PK, 'challenge'], values: [bytes(1), 'Y2hhbGxlbmdl'] },
  {
    path: [PK, 'rpId'],
    values: ['localhost', 'LOCALHOST', 'example.com', tag('toString', { value: 'localhost' })],
  },
  { path: [PK, 'timeout'], values: [-1, 4_294_967_295, '30000'] },
  { path: [PK, 'allowCredentials'], values: ['usb', tag('Set', { values: [] })] },
  { path: [PK, 'allowCredentials', 0], values: [{ type: 'public-key' }, { id: tag('credentialId') }] },
  { path: [PK, 'allowCredentials', 0, 'id'], values: [bytes(0), bytes(16, 'Uint8Array', 7)] },
  { path: [PK, 'allowCredentials', 0, 'type'], values: ['foo', ''] },
  { path: [PK, 'allowCredentials', 0, 'transports'], values: ['usb', ['internal', 'warp']] },
  { path: [PK, 'userVerification'], values: ['required', 'discouraged', 'sometimes'] },
  { path: [PK, 'hints'], values: [['security-key'], 'hybrid'] },
  { path: [PK, 'extensions'], values: [{ appid: 'https://localhost' }, { uvm: true }] },
  { path: [PK, 'extensions', 'appid'], values: ['not a url', 'https://localhost/app-id.json', ''] },
  { path: [PK, 'extensions', 'credProps'], values: [false, true] },
  {
    path: [PK, 'extensions', 'largeBlob'],
    values: [{ read: true }, { write: bytes(4) }, { read: true, write: bytes(4) }, { write: bytes(3000) }],
  },
  {
    path: [PK, 'extensions', 'prf'],
    values: [
      { eval: { first: bytes(32) } },
      { evalByCredential: { 'not base64!': { first: bytes(32) } } },
      { evalByCredential: { AAAA: { first: bytes(32) } } },
    ],
  },
  { path: [PK, 'extensions', 'getCredBlob'], values: [true] },
  { path: [PK, 'extraMember'], values: ['ignored'] },
];

function startsWith(path: Path, prefix: Path): boolean {
  return prefix.length <= path.length && prefix.every((step, i) => path[i] === step);
}

/** `count` cases of one or two mutations each, the same for the same seed. */
export function fuzzCases(kind: Kind, seed: number, count: number): OracleCase[] {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const sites = kind === 'create' ? CREATE_SITES : GET_SITES;
  const cases: OracleCase[] = [];
  for (let i = 0; i < count; i++) {
    const mutations: Mutation[] = [];
    const howMany = random() < 0.7 ? 1 : 2;
    while (mutations.length < howMany) {
      const site = pick(sites);
      // Two mutations never touch the same member or one inside the other.
      if (mutations.some(([p]) => startsWith(p, site.path) || startsWith(site.path, p))) continue;
      const value = random() < 0.5 ? pick(site.values) : pick(GENERIC);
      // An array element cannot be absent (a hole reads as undefined anyway).
      if (value === ABSENT && typeof site.path[site.path.length - 1] === 'number') continue;
      mutations.push([site.path, value]);
    }
    // Deeper paths after shallower ones so a replaced parent does not swallow a child's mutation.
    mutations.sort((a, b) => a[0].length - b[0].length);
    const title = mutations.map(([p, v]) => `${p.join('.')} = ${JSON.stringify(v)}`).join('; ');
    const n = String(i + 1).padStart(3, '0');
    cases.push({
      id: `fuzz-${kind}-${n}`,
      group: `fuzz-${kind}-${Math.floor(i / 25) + 1}`,
      kind,
      title,
      set: mutations,
    });
  }
  return cases;
}

export const FUZZ_SEED = 20_260_901;

const spy = (name: string, value: Tagged): Tagged => tag('spy', { name, value });

/**
 * Options in which every dictionary logs the members read from it (the `spy` tag): the recorder
 * keeps the order Chrome reads them in, and a unit test checks that the page script reads the same
 * members in the same order (WebIDL: base dictionary first, then lexicographic).
 */
export const MEMBER_ORDER_PROBES: Record<Kind, Tagged> = {
  create: spy('options', {
    publicKey: spy('publicKey', {
      rp: spy('rp', { name: 'x' }),
      user: spy('user', { id: bytes(4), name: 'a', displayName: 'A' }),
      challenge: bytes(16),
      pubKeyCredParams: [spy('param', { type: 'public-key', alg: -7 })],
      excludeCredentials: [spy('descriptor', { type: 'public-key', id: bytes(4) })],
      authenticatorSelection: spy('selection', {}),
      extensions: spy('extensions', {
        largeBlob: spy('largeBlob', {}),
        prf: spy('prf', { eval: spy('prfValues', { first: bytes(1) }) }),
      }),
    }),
  }),
  get: spy('options', {
    publicKey: spy('publicKey', {
      challenge: bytes(16),
      allowCredentials: [spy('descriptor', { type: 'public-key', id: tag('credentialId') })],
      extensions: spy('extensions', { largeBlob: spy('largeBlob', {}) }),
    }),
  }),
};

/** Every case, in the order the recorder runs them. */
export function allCases(): OracleCase[] {
  return [...wptCases(), ...fuzzCases('create', FUZZ_SEED, 60), ...fuzzCases('get', FUZZ_SEED + 1, 40)];
}
