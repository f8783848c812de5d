/**
 * The client's half of the WebAuthn L3 §5.1.10 signal methods, in the service worker: a signal the
 * page sent (untrusted, re-checked whatever the page script did) and the caller's origin from the
 * browser become one checked request, or a WebAuthnError with the name Chrome gives:
 *   - malformed members or ids that are not unpadded base64url: TypeError (Chromium's renderer);
 *   - an RP ID that is not the origin's effective domain or a registrable suffix of it: SecurityError
 *     (§5.1.10.1 step 4 and its siblings, "is a registrable domain suffix of or is equal to"; Chromium
 *     makes the same check in the browser process, before any authenticator hears of the signal).
 * Ids come back in canonical unpadded base64url, the form the vault keys credentials by.
 */
import { fromBase64url, toBase64url } from '../shared/bytes.ts';
import { WebAuthnError } from './errors.ts';
import { LIMITS, truncateUtf8 } from './parse-options.ts';
import { validateRpId } from './rp-id.ts';

/** A checked signal: what the vault is asked to do. */
export type Signal =
  | { method: 'signalUnknownCredential'; rpId: string; credentialId: string }
  | { method: 'signalAllAcceptedCredentials'; rpId: string; userHandle: string; acceptedIds: string[] }
  | {
      method: 'signalCurrentUserDetails';
      rpId: string;
      userHandle: string;
      name: string;
      displayName: string;
    };

/** More ids than any user has passkeys; bounds the work a page can ask for. */
export const MAX_ACCEPTED_IDS = 10_000;

type Obj = Record<string, unknown>;

function text(value: unknown, member: string): string {
  if (typeof value !== 'string') throw new WebAuthnError('TypeError', `${member} must be a string`);
  return value;
}

/** Unpadded base64url of at most `maxBytes`, re-encoded canonically. */
function id(value: unknown, member: string, maxBytes: number): string {
  const encoded = text(value, member);
  if (!/^[A-Za-z0-9_-]*$/.test(encoded) || encoded.length % 4 === 1) {
    throw new WebAuthnError('TypeError', `Invalid base64url string for ${member}.`);
  }
  if (encoded.length > Math.ceil((maxBytes * 4) / 3)) {
    throw new WebAuthnError('TypeError', `${member} is longer than ${maxBytes} bytes`);
  }
  return toBase64url(fromBase64url(encoded, member));
}

/** A name shown to the user, cut as create() cuts rp and user names (WebAuthn L3 §6.4.1). */
function name(value: unknown, member: string): string {
  return truncateUtf8(text(value, member), LIMITS.nameMaxBytes);
}

/**
 * @param untrusted `{ method, options }` as the page sent it.
 * @param origin the caller's origin as the browser reports it (sender.origin), never the page's word.
 */
export function parseSignal(untrusted: unknown, origin: string): Signal {
  if (typeof untrusted !== 'object' || untrusted === null) {
    throw new WebAuthnError('TypeError', 'a signal must be an object');
  }
  const { method, options } = untrusted as Obj;
  if (typeof options !== 'object' || options === null) {
    throw new WebAuthnError('TypeError', 'a signal needs its options');
  }
  const o = options as Obj;
  // Shape first, as Chromium's renderer does before its browser process checks the RP ID.
  let signal: Signal;
  switch (method) {
    case 'signalUnknownCredential':
      signal = {
        method,
        rpId: text(o.rpId, 'rpId'),
        credentialId: id(o.credentialId, 'credentialId', LIMITS.credentialIdMaxBytes),
      };
      break;
    case 'signalAllAcceptedCredentials': {
      const list = o.allAcceptedCredentialIds;
      if (!Array.isArray(list) || list.length > MAX_ACCEPTED_IDS) {
        throw new WebAuthnError(
          'TypeError',
          `allAcceptedCredentialIds must be a list of at most ${MAX_ACCEPTED_IDS} ids`,
        );
      }
      const acceptedIds = list.map((each) =>
        id(each, 'allAcceptedCredentialIds', LIMITS.credentialIdMaxBytes),
      );
      signal = {
        method,
        rpId: text(o.rpId, 'rpId'),
        userHandle: id(o.userId, 'userId', LIMITS.userIdMaxBytes),
        acceptedIds,
      };
      break;
    }
    case 'signalCurrentUserDetails':
      signal = {
        method,
        rpId: text(o.rpId, 'rpId'),
        userHandle: id(o.userId, 'userId', LIMITS.userIdMaxBytes),
        name: name(o.name, 'name'),
        displayName: name(o.displayName, 'displayName'),
      };
      break;
    default:
      throw new WebAuthnError('TypeError', 'unknown signal method');
  }
  // §5.1.10.1 step 4 (and .2, .3): the RP ID must be the caller's, or a registrable suffix of it.
  validateRpId(signal.rpId, origin);
  return signal;
}
