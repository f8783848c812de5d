/**
 * What create() and get() do with converted options before a request leaves the page, in the order
 * Chromium's renderer does it (third_party/blink/renderer/modules/credentialmanagement/
 * authentication_credentials_container.cc, AuthenticationCredentialsContainer::create/get, and the
 * mojo conversions in credential_manager_type_converters.cc), so the first error a page sees is the
 * one Chrome gives. The checks that need the caller's origin (RP ID, appid, frames) are the worker's
 * (parse-options.ts), which is where Chromium's browser process makes them too.
 */

import { TAPKEY_EXTENSIONS } from '../capabilities.ts';
import { onlyClientDevice } from '../hints.ts';
import type { CredentialCreationOptions, CredentialRequestOptions, PrfValues } from './credential-options.ts';
import { isAborted } from './primitives.ts';

/** Who answers, or what the page is told now. */
export type PageStep =
  /** Tapkey's worker answers (it still checks the origin, the RP ID and the frame). */
  | { action: 'tapkey' }
  /** The browser's own implementation answers the same call (another credential type, autofill…). */
  | { action: 'browser'; reason: string }
  /** Reject with signal.reason. */
  | { action: 'abort' }
  /** Reject with a DOMException of this name, or a TypeError. */
  | { action: 'reject'; name: RejectName; message: string };

export type RejectName = 'TypeError' | 'NotSupportedError' | 'SyntaxError' | 'RangeError';

/** mojom kPublicKeyCredentialDescriptorListMaxSize: longer lists are a RangeError (a DOMException). */
export const MAX_DESCRIPTORS = 64;
/** WebAuthn L3 §5.4.3 (user handle): at most 64 bytes. */
export const MAX_USER_ID_BYTES = 64;
/** Chromium's limit on a PRF input (validatePRFInputs). */
export const MAX_PRF_INPUT_BYTES = 256;
/** Chromium's limit on a largeBlob write (kMaxLargeBlobSize). */
export const MAX_LARGE_BLOB_BYTES = 2048;
/** The credProtect policies Chromium knows; anything else makes the request unconvertible. */
export const CRED_PROTECT_POLICIES = [
  'userVerificationOptional',
  'userVerificationOptionalWithCredentialIDList',
  'userVerificationRequired',
] as const;

const reject = (name: RejectName, message: string): PageStep => ({ action: 'reject', name, message });
const browser = (reason: string): PageStep => ({ action: 'browser', reason });

/** Captured when the page script loads, before any page script could replace them. */
const decodeBase64 = globalThis.atob;
const bytesFrom = Uint8Array.from.bind(Uint8Array);

/** A URL a `KURL` would accept: absolute and parsable. */
const canParse: (url: string) => boolean = URL.canParse
  ? URL.canParse.bind(URL)
  : (url) => {
      try {
        new URL(url);
        return true;
      } catch {
        return false;
      }
    };

function prfTooLarge(values: PrfValues): boolean {
  return values.first.length > MAX_PRF_INPUT_BYTES || (values.second?.length ?? 0) > MAX_PRF_INPUT_BYTES;
}

/** Base64UnpaddedURLDecode: an 8-bit string of base64url characters without padding. */
export function decodeUnpaddedBase64url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const binary = decodeBase64(
    text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4),
  );
  return bytesFrom(binary, (c) => c.charCodeAt(0));
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/**
 * WebAuthn L3 §5.4.4 residentKey as the worker takes it: an unknown value is absent, and absent is
 * "required" when requireResidentKey is true, else "discouraged".
 */
function effectiveResidentKey(publicKey: NonNullable<CredentialCreationOptions['publicKey']>): string {
  const selection = publicKey.authenticatorSelection;
  const residentKey = selection?.residentKey;
  if (residentKey === 'required' || residentKey === 'preferred' || residentKey === 'discouraged')
    return residentKey;
  return selection?.requireResidentKey ? 'required' : 'discouraged';
}

/** navigator.credentials.create(): AuthenticationCredentialsContainer::create after the bindings. */
export function createSteps(options: CredentialCreationOptions): PageStep {
  // Another credential type, or more than one: the browser answers (and says NotSupportedError when
  // not exactly one of password, federated and publicKey is given).
  if (options.digital !== undefined) return browser('a digital credential');
  if (options.password !== undefined || options.federated !== undefined || !options.publicKey) {
    return browser('not a public-key credential');
  }
  // Conditional create (WebAuthn L3 §5.1.3, mediation "conditional") is the browser's passkey upgrade.
  if (options.mediation === 'conditional') return browser('conditional create');
  const publicKey = options.publicKey;
  if (publicKey.excludeCredentials.length > MAX_DESCRIPTORS) {
    return reject(
      'RangeError',
      `The \`excludeCredentials\` attribute exceeds the maximum allowed size (${MAX_DESCRIPTORS}).`,
    );
  }
  const extensions = publicKey.extensions;
  if (extensions) {
    // WebAuthn L3 §10.1.1: appid is a get() extension.
    if (extensions.appid !== undefined) {
      return reject('NotSupportedError', "The 'appid' extension is only valid when requesting an assertion.");
    }
    // §10.1.2 appidExclude: a non-empty value must be a URL.
    if (extensions.appidExclude && !canParse(extensions.appidExclude)) {
      return reject(
        'SyntaxError',
        'The `appidExclude` extension value is neither empty/null nor a valid URL.',
      );
    }
    // §10.1.5 largeBlob: read and write belong to get().
    if (extensions.largeBlob?.read !== undefined) {
      return reject(
        'NotSupportedError',
        "The 'largeBlob' extension's 'read' parameter is only valid when requesting an assertion.",
      );
    }
    if (extensions.largeBlob?.write !== undefined) {
      return reject(
        'NotSupportedError',
        "The 'largeBlob' extension's 'write' parameter is only valid when requesting an assertion.",
      );
    }
    // §10.1.4 prf: evalByCredential belongs to get(); inputs are bounded.
    if (extensions.prf?.eval && prfTooLarge(extensions.prf.eval)) {
      return reject('NotSupportedError', "'prf' extension contains excessively large input");
    }
    if (extensions.prf?.evalByCredential !== undefined) {
      return reject(
        'NotSupportedError',
        "The 'evalByCredential' field cannot be set when creating a credential.",
      );
    }
  }
  // WebAuthn L3 §5.1.3 step 1 (Credential Management: an aborted signal rejects with its reason).
  if (options.signal && isAborted(options.signal)) return { action: 'abort' };
  // §5.1.3 step 10–11: a non-empty list without any "public-key" entry.
  if (
    publicKey.pubKeyCredParams.length > 0 &&
    !publicKey.pubKeyCredParams.some((p) => p.type === 'public-key')
  ) {
    return reject('NotSupportedError', 'Required parameters missing in `options.publicKey`.');
  }
  const policy = extensions?.credentialProtectionPolicy;
  if (policy !== undefined && !(CRED_PROTECT_POLICIES as readonly string[]).includes(policy)) {
    return reject('NotSupportedError', 'Required parameters missing in `options.publicKey`.');
  }
  // §5.1.3 step 5: user.id is at most 64 bytes. (Chromium lets an empty one through.)
  if (publicKey.user.id.length > MAX_USER_ID_BYTES) {
    return reject('TypeError', 'User handle exceeds 64 bytes.');
  }
  // Tapkey's own routing, once Chrome's checks passed: a requirement Tapkey cannot meet goes to the
  // browser, whose authenticators may (WebAuthn L3 §10.1.5: largeBlob support "required" must
  // otherwise fail the ceremony). Tapkey keeps large blobs for discoverable credentials only (CTAP 2.1
  // §12.3 largeBlobKey), as Chrome's authenticators do.
  if (extensions?.largeBlob?.support === 'required') {
    if (!TAPKEY_EXTENSIONS.has('largeBlob')) return browser('largeBlob support required');
    if (effectiveResidentKey(publicKey) === 'discouraged') {
      return browser('largeBlob support required for a non-discoverable credential');
    }
  }
  // WebAuthn L3 §5.8.7: hints "client-device" alone asks for the device's own authenticator.
  if (onlyClientDevice(publicKey.hints)) return browser('hints: client-device only');
  return { action: 'tapkey' };
}

/** navigator.credentials.get(): AuthenticationCredentialsContainer::get after the bindings. */
export function getSteps(options: CredentialRequestOptions): PageStep {
  // Credential Management §2.5.1 request a Credential, step 3: an aborted signal rejects first.
  if (options.signal && isAborted(options.signal)) return { action: 'abort' };
  if (options.digital !== undefined) return browser('a digital credential');
  const otherTypes =
    options.password ||
    options.federated !== undefined ||
    options.identity !== undefined ||
    options.otp !== undefined ||
    options.uiMode !== undefined;
  if (!options.publicKey || otherTypes) return browser('not only a public-key credential');
  const publicKey = options.publicKey;
  if (publicKey.allowCredentials.length > MAX_DESCRIPTORS) {
    return reject(
      'RangeError',
      `The \`allowCredentials\` attribute exceeds the maximum allowed size (${MAX_DESCRIPTORS}).`,
    );
  }
  const extensions = publicKey.extensions;
  if (extensions) {
    if (extensions.appid && !canParse(extensions.appid)) {
      return reject('SyntaxError', 'The `appid` extension value is neither empty/null nor a valid URL');
    }
    // WebAuthn L3 §10.1.3 credProps is a registration extension.
    if (extensions.credProps) {
      return reject(
        'NotSupportedError',
        "The 'credProps' extension is only valid when creating a credential",
      );
    }
    if (extensions.largeBlob?.support !== undefined) {
      return reject(
        'NotSupportedError',
        "The 'largeBlob' extension's 'support' parameter is only valid when creating a credential",
      );
    }
    if ((extensions.largeBlob?.write?.length ?? 0) > MAX_LARGE_BLOB_BYTES) {
      return reject(
        'NotSupportedError',
        "The 'largeBlob' extension's 'write' parameter exceeds the maximum allowed size (2kb)",
      );
    }
    const prf = extensions.prf;
    if (prf) {
      // §10.1.4 prf, get: evalByCredential needs an allow list, and each key one of its ids.
      if (prf.evalByCredential !== undefined && publicKey.allowCredentials.length === 0) {
        return reject('NotSupportedError', "'prf' extension has 'evalByCredential' with an empty allow list");
      }
      if (prf.eval && prfTooLarge(prf.eval)) {
        return reject('SyntaxError', "'prf' extension contains excessively large input");
      }
      for (const [key, values] of prf.evalByCredential ?? []) {
        const id = decodeUnpaddedBase64url(key);
        if (!id)
          return reject(
            'SyntaxError',
            "'prf' extension contains invalid base64url data in 'evalByCredential'",
          );
        if (id.length === 0) {
          return reject(
            'SyntaxError',
            "'prf' extension contains an empty credential ID in 'evalByCredential'",
          );
        }
        if (!publicKey.allowCredentials.some((c) => sameBytes(c.id, id))) {
          return reject(
            'SyntaxError',
            "'prf' extension contains 'evalByCredential' key that doesn't match any in allowedCredentials",
          );
        }
        if (prfTooLarge(values))
          return reject('SyntaxError', "'prf' extension contains excessively large input");
      }
    }
  }
  // Tapkey's own routing, once Chrome's checks passed (WebAuthn L3 §5.8.7, as in createSteps).
  if (onlyClientDevice(publicKey.hints)) return browser('hints: client-device only');
  return { action: 'tapkey' };
}
