/**
 * An authenticator profile as a developer sets it for a listed origin in the workbench, and as it is
 * stored with the origin's grant: plain JSON. `toAuthenticatorProfile` turns it into what the pure
 * authenticator takes (src/authenticator/profile.ts); what only the client side can do (options the
 * authenticator cannot serve, extensions turned off, transports and attachment reported) is done on
 * the request and the response by `adaptOptions` and `adaptResponse`, so src/client stays as it is.
 */
import { AAGUID_STRING } from '../authenticator/aaguid.ts';
import type { SupportedAlg } from '../authenticator/keys.ts';
import { type AuthenticatorProfile, DEFAULT_PROFILE } from '../authenticator/profile.ts';
import { fromBase64url, fromHex } from '../shared/bytes.ts';
import type {
  AuthenticationResponseJSON,
  RegistrationResponseJSON,
  WebAuthnErrorName,
} from '../shared/webauthn-json.ts';

export const PROFILE_ALGORITHMS = [
  [-7, 'ES256'],
  [-8, 'EdDSA'],
  [-257, 'RS256'],
] as const satisfies readonly (readonly [SupportedAlg, string])[];
/** WebAuthn L3 §5.8.4 AuthenticatorTransport values. */
export const PROFILE_TRANSPORTS = ['usb', 'nfc', 'ble', 'smart-card', 'hybrid', 'internal'] as const;
export type ProfileTransport = (typeof PROFILE_TRANSPORTS)[number];
export const PROFILE_ATTESTATIONS = [
  ['none', 'none'],
  ['packed-self', 'packed, self attestation'],
  ['packed-ca', 'packed, test CA chain'],
  ['fido-u2f', 'fido-u2f (ES256 only), test CA'],
] as const;
export type ProfileAttestation = (typeof PROFILE_ATTESTATIONS)[number][0];

export interface ProfileSetting {
  /** The preset it started from, or "custom". */
  label: string;
  algorithms: SupportedAlg[];
  residentKeys: boolean;
  userVerification: boolean;
  attestation: ProfileAttestation;
  /** 8-4-4-4-12 hex. */
  aaguid: string;
  backupEligible: boolean;
  backupState: boolean;
  transports: ProfileTransport[];
  attachment: 'cross-platform' | 'platform';
  extensions: { credProps: boolean; prf: boolean; largeBlob: boolean };
  counter: 'increment' | 'zero';
}

/** The test CA made for a profile that attests with a certificate (test-ca.ts), bytes base64url. */
export interface StoredTestCa {
  root: string;
  leaf: string;
  /** The attestation key; kept in the worker, left out of what pages see (publicGrant). */
  leafKey?: string;
  /** The AAGUID the attestation certificate names. */
  aaguid: string;
}

export const ZERO_AAGUID = '00000000-0000-0000-0000-000000000000';
const ALL_EXTENSIONS = { credProps: true, prf: true, largeBlob: true };

/** The presets the workbench offers; `tapkey` is the default profile, as Tapkey always answers. */
export const PROFILE_PRESETS: Readonly<Record<string, ProfileSetting>> = {
  tapkey: {
    label: 'Tapkey (default)',
    algorithms: [-7, -8],
    residentKeys: true,
    userVerification: true,
    attestation: 'packed-self',
    aaguid: AAGUID_STRING,
    backupEligible: false,
    backupState: false,
    transports: ['usb'],
    attachment: 'cross-platform',
    extensions: ALL_EXTENSIONS,
    counter: 'increment',
  },
  u2f: {
    label: 'U2F security key',
    algorithms: [-7],
    residentKeys: false,
    userVerification: false,
    attestation: 'fido-u2f',
    aaguid: ZERO_AAGUID,
    backupEligible: false,
    backupState: false,
    transports: ['usb'],
    attachment: 'cross-platform',
    extensions: { credProps: true, prf: false, largeBlob: false },
    counter: 'increment',
  },
  synced: {
    label: 'Synced platform passkey',
    algorithms: [-7],
    residentKeys: true,
    userVerification: true,
    attestation: 'none',
    aaguid: ZERO_AAGUID,
    backupEligible: true,
    backupState: true,
    transports: ['hybrid', 'internal'],
    attachment: 'platform',
    extensions: { credProps: true, prf: true, largeBlob: false },
    counter: 'zero',
  },
  enterprise: {
    label: 'Security key with a CA-issued attestation',
    algorithms: [-7, -8],
    residentKeys: true,
    userVerification: true,
    attestation: 'packed-ca',
    aaguid: '6a1f3c2e-8b4d-4e5f-9a0b-1c2d3e4f5a6b',
    backupEligible: false,
    backupState: false,
    transports: ['nfc', 'usb'],
    attachment: 'cross-platform',
    extensions: ALL_EXTENSIONS,
    counter: 'increment',
  },
  rs256: {
    label: 'RS256 test key',
    algorithms: [-257],
    residentKeys: true,
    userVerification: true,
    attestation: 'packed-self',
    aaguid: AAGUID_STRING,
    backupEligible: false,
    backupState: false,
    transports: ['usb'],
    attachment: 'cross-platform',
    extensions: ALL_EXTENSIONS,
    counter: 'increment',
  },
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const isBool = (v: unknown): v is boolean => typeof v === 'boolean';

/** Checks a profile from a message or from storage, member by member. */
export function isProfileSetting(v: unknown): v is ProfileSetting {
  if (typeof v !== 'object' || v === null) return false;
  const p = v as Record<string, unknown>;
  const extensions = p.extensions as Record<string, unknown> | null | undefined;
  const algs = p.algorithms;
  const transports = p.transports;
  return (
    typeof p.label === 'string' &&
    p.label.length <= 100 &&
    Array.isArray(algs) &&
    algs.length > 0 &&
    algs.length <= 3 &&
    new Set(algs).size === algs.length &&
    algs.every((a) => PROFILE_ALGORITHMS.some(([id]) => id === a)) &&
    isBool(p.residentKeys) &&
    isBool(p.userVerification) &&
    PROFILE_ATTESTATIONS.some(([id]) => id === p.attestation) &&
    typeof p.aaguid === 'string' &&
    UUID.test(p.aaguid) &&
    isBool(p.backupEligible) &&
    isBool(p.backupState) &&
    Array.isArray(transports) &&
    transports.length <= PROFILE_TRANSPORTS.length &&
    new Set(transports).size === transports.length &&
    transports.every((t) => PROFILE_TRANSPORTS.some((k) => k === t)) &&
    (p.attachment === 'cross-platform' || p.attachment === 'platform') &&
    typeof extensions === 'object' &&
    extensions !== null &&
    isBool(extensions.credProps) &&
    isBool(extensions.prf) &&
    isBool(extensions.largeBlob) &&
    (p.counter === 'increment' || p.counter === 'zero')
  );
}

/** Whether the profile attests with the test CA (packed full attestation, fido-u2f). */
export const needsTestCa = (p: ProfileSetting) =>
  p.attestation === 'packed-ca' || p.attestation === 'fido-u2f';

export const aaguidBytes = (uuid: string): Uint8Array => fromHex(uuid.replace(/-/g, ''));

/** What the authenticator takes. A profile that attests with a certificate needs its test CA. */
export function toAuthenticatorProfile(setting: ProfileSetting, testCa?: StoredTestCa): AuthenticatorProfile {
  let attestation: AuthenticatorProfile['attestation'];
  if (setting.attestation === 'none') attestation = { format: 'none' };
  else if (setting.attestation === 'packed-self') attestation = { format: 'packed' };
  else {
    if (!testCa?.leafKey) throw new TypeError('this profile attests with a test CA, and has none');
    attestation = {
      format: setting.attestation === 'fido-u2f' ? 'fido-u2f' : 'packed',
      certificate: { x5c: [fromBase64url(testCa.leaf)], privateKey: fromBase64url(testCa.leafKey) },
    };
  }
  return {
    ...DEFAULT_PROFILE,
    algorithms: [...setting.algorithms],
    residentKeys: setting.residentKeys,
    userVerification: setting.userVerification,
    attestation,
    aaguid: aaguidBytes(setting.aaguid),
    backupEligible: setting.backupEligible,
    backupState: setting.backupState,
    counter: setting.counter,
  };
}

export type AdaptedOptions =
  | { options: unknown }
  | { refuse: { name: WebAuthnErrorName; message: string } }
  /** The request wants an authenticator the profile is not: the browser's may serve it. */
  | { handBack: string };

/** Chrome's words when no authenticator can serve a request (WebAuthn L3 §5.1.3 step 21). */
const NOT_ALLOWED = {
  name: 'NotAllowedError',
  message:
    'The operation either timed out or was not allowed. See: https://www.w3.org/TR/webauthn-2/#sctn-privacy-considerations-client.',
} as const;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The page's options as a client that knows this authenticator (its getInfo) would send them: a
 * resident key or UV it lacks is refused when required and not asked for when only preferred
 * (WebAuthn L3 §5.1.3 step 20, §6.3.2 step 4), and extensions it has turned off are not asked for
 * (§9: a client may ignore extensions). The page's own copy is never changed.
 */
export function adaptOptions(
  kind: 'create' | 'get',
  options: unknown,
  setting: ProfileSetting,
): AdaptedOptions {
  if (!isObj(options)) return { options };
  const out: Obj = { ...options };
  if (kind === 'create') {
    const selection: Obj = isObj(out.authenticatorSelection) ? { ...out.authenticatorSelection } : {};
    // §5.4.4: residentKey, or requireResidentKey when residentKey is absent.
    const residentKey =
      typeof selection.residentKey === 'string'
        ? selection.residentKey
        : selection.requireResidentKey === true
          ? 'required'
          : 'discouraged';
    if (!setting.residentKeys) {
      if (residentKey === 'required') return { refuse: NOT_ALLOWED };
      selection.residentKey = 'discouraged';
      selection.requireResidentKey = false;
    }
    if (!setting.userVerification) {
      if (selection.userVerification === 'required') return { refuse: NOT_ALLOWED };
      selection.userVerification = 'discouraged';
    }
    // §5.4.4 authenticatorAttachment: a platform profile is the platform authenticator the page asks
    // for (the client would otherwise hand that request to the browser), and not the roaming one.
    if (setting.attachment === 'platform') {
      if (selection.authenticatorAttachment === 'platform') delete selection.authenticatorAttachment;
      else if (selection.authenticatorAttachment === 'cross-platform')
        return { handBack: 'a cross-platform authenticator was asked for; the profile is a platform one' };
    }
    out.authenticatorSelection = selection;
  } else if (!setting.userVerification) {
    if (out.userVerification === 'required') return { refuse: NOT_ALLOWED };
    out.userVerification = 'discouraged';
  }
  if (isObj(out.extensions)) {
    const extensions: Obj = { ...out.extensions };
    if (!setting.extensions.credProps) delete extensions.credProps;
    if (!setting.extensions.prf) delete extensions.prf;
    if (!setting.extensions.largeBlob) {
      // §10.1.5: "required" must fail when no authenticator can keep a blob.
      if (isObj(extensions.largeBlob) && extensions.largeBlob.support === 'required')
        return { refuse: NOT_ALLOWED };
      delete extensions.largeBlob;
    }
    out.extensions = extensions;
  }
  return { options: out };
}

/** The transports and attachment the profile reports (§5.2.1 getTransports, §5.1 authenticatorAttachment). */
export function adaptResponse<T extends RegistrationResponseJSON | AuthenticationResponseJSON>(
  credential: T,
  setting: ProfileSetting,
): T {
  const out = { ...credential, authenticatorAttachment: setting.attachment };
  if ('transports' in credential.response) {
    // Chrome reports them sorted, without duplicates.
    out.response = { ...credential.response, transports: [...setting.transports].sort() };
  }
  return out;
}

/** A stored test CA, checked member by member (the worker reads it back from storage.local). */
export function isStoredTestCa(v: unknown): v is StoredTestCa {
  if (typeof v !== 'object' || v === null) return false;
  const c = v as Record<string, unknown>;
  const b64 = (x: unknown) => typeof x === 'string' && /^[A-Za-z0-9_-]+$/.test(x) && x.length < 8192;
  return (
    b64(c.root) &&
    b64(c.leaf) &&
    (c.leafKey === undefined || b64(c.leafKey)) &&
    typeof c.aaguid === 'string' &&
    UUID.test(c.aaguid)
  );
}
