/**
 * Bad (and good) inputs to the WebAuthn L3 §5.1.10 signal methods. The same list is recorded from
 * plain Chromium by record-signals.ts and checked against Tapkey in test/e2e/signals.spec.ts.
 * Each case is a page-side expression: `method` and a JSON argument (`$undefined` for none).
 */
export interface SignalCase {
  name: string;
  method: 'signalUnknownCredential' | 'signalAllAcceptedCredentials' | 'signalCurrentUserDetails';
  /**
   * The argument as JSON. "$none": the method is called with no argument; "$undefined": with
   * `undefined` as its one argument.
   */
  argument: unknown;
}

const CRED = 'AAECAwQFBgcICQoLDA0ODw';
const USER = 'dXNlci0x';

export const SIGNAL_CASES: SignalCase[] = [
  { name: 'unknown: no argument', method: 'signalUnknownCredential', argument: '$none' },
  { name: 'unknown: undefined', method: 'signalUnknownCredential', argument: '$undefined' },
  { name: 'unknown: null', method: 'signalUnknownCredential', argument: null },
  { name: 'unknown: a string', method: 'signalUnknownCredential', argument: 'x' },
  { name: 'unknown: empty', method: 'signalUnknownCredential', argument: {} },
  { name: 'unknown: no credentialId', method: 'signalUnknownCredential', argument: { rpId: 'localhost' } },
  { name: 'unknown: no rpId', method: 'signalUnknownCredential', argument: { credentialId: CRED } },
  {
    name: 'unknown: padded base64url',
    method: 'signalUnknownCredential',
    argument: { rpId: 'localhost', credentialId: `${CRED}==` },
  },
  {
    name: 'unknown: base64 (+/)',
    method: 'signalUnknownCredential',
    argument: { rpId: 'localhost', credentialId: 'ab+/' },
  },
  {
    name: 'unknown: empty credentialId',
    method: 'signalUnknownCredential',
    argument: { rpId: 'localhost', credentialId: '' },
  },
  {
    name: 'unknown: length 1 mod 4',
    method: 'signalUnknownCredential',
    argument: { rpId: 'localhost', credentialId: 'abcde' },
  },
  {
    name: 'unknown: null members',
    method: 'signalUnknownCredential',
    argument: { rpId: null, credentialId: null },
  },
  {
    name: 'unknown: foreign rpId',
    method: 'signalUnknownCredential',
    argument: { rpId: 'example.com', credentialId: CRED },
  },
  {
    name: 'unknown: empty rpId',
    method: 'signalUnknownCredential',
    argument: { rpId: '', credentialId: CRED },
  },
  {
    name: 'unknown: bad id and foreign rpId',
    method: 'signalUnknownCredential',
    argument: { rpId: 'example.com', credentialId: '!' },
  },
  {
    name: 'unknown: number credentialId',
    method: 'signalUnknownCredential',
    argument: { rpId: 'localhost', credentialId: 1234 },
  },
  {
    name: 'unknown: uppercase rpId',
    method: 'signalUnknownCredential',
    argument: { rpId: 'LOCALHOST', credentialId: CRED },
  },
  {
    name: 'unknown: valid',
    method: 'signalUnknownCredential',
    argument: { rpId: 'localhost', credentialId: CRED },
  },
  { name: 'accepted: empty', method: 'signalAllAcceptedCredentials', argument: {} },
  {
    name: 'accepted: no list',
    method: 'signalAllAcceptedCredentials',
    argument: { rpId: 'localhost', userId: USER },
  },
  {
    name: 'accepted: list is a string',
    method: 'signalAllAcceptedCredentials',
    argument: { rpId: 'localhost', userId: USER, allAcceptedCredentialIds: CRED },
  },
  {
    name: 'accepted: bad userId',
    method: 'signalAllAcceptedCredentials',
    argument: { rpId: 'localhost', userId: 'a=', allAcceptedCredentialIds: [CRED] },
  },
  {
    name: 'accepted: bad id in list',
    method: 'signalAllAcceptedCredentials',
    argument: { rpId: 'localhost', userId: USER, allAcceptedCredentialIds: [CRED, '*'] },
  },
  {
    name: 'accepted: bad userId and bad id in list',
    method: 'signalAllAcceptedCredentials',
    argument: { rpId: 'localhost', userId: '=', allAcceptedCredentialIds: ['='] },
  },
  {
    name: 'accepted: null list',
    method: 'signalAllAcceptedCredentials',
    argument: { rpId: 'localhost', userId: USER, allAcceptedCredentialIds: null },
  },
  {
    name: 'accepted: numbers in list',
    method: 'signalAllAcceptedCredentials',
    argument: { rpId: 'localhost', userId: USER, allAcceptedCredentialIds: [123, true] },
  },
  {
    name: 'accepted: foreign rpId',
    method: 'signalAllAcceptedCredentials',
    argument: { rpId: 'example.com', userId: USER, allAcceptedCredentialIds: [] },
  },
  {
    name: 'accepted: valid, empty list',
    method: 'signalAllAcceptedCredentials',
    argument: { rpId: 'localhost', userId: USER, allAcceptedCredentialIds: [] },
  },
  { name: 'details: empty', method: 'signalCurrentUserDetails', argument: {} },
  {
    name: 'details: no displayName',
    method: 'signalCurrentUserDetails',
    argument: { rpId: 'localhost', userId: USER, name: 'a' },
  },
  {
    name: 'details: bad userId',
    method: 'signalCurrentUserDetails',
    argument: { rpId: 'localhost', userId: '%%', name: 'a', displayName: 'A' },
  },
  {
    name: 'details: foreign rpId',
    method: 'signalCurrentUserDetails',
    argument: { rpId: 'example.com', userId: USER, name: 'a', displayName: 'A' },
  },
  {
    name: 'details: null names',
    method: 'signalCurrentUserDetails',
    argument: { rpId: 'localhost', userId: USER, name: null, displayName: null },
  },
  {
    name: 'details: valid',
    method: 'signalCurrentUserDetails',
    argument: { rpId: 'localhost', userId: USER, name: 'a', displayName: 'A' },
  },
];

/** How one call settled, as the page saw it. */
export interface SignalOutcome {
  /** "resolved undefined", an error name, "sync <name>" when the call threw, or "missing". */
  outcome: string;
  message?: string;
  domException?: boolean;
}

/** The arguments a case passes, as the page would pass them. */
export function signalArguments(argument: unknown): unknown[] {
  if (argument === '$none') return [];
  if (argument === '$undefined') return [undefined];
  return [argument];
}
