/**
 * The arguments of the WebAuthn L3 §5.1.10 signal methods, converted as Chromium 156's bindings and
 * renderer convert them (recorded: test/fixtures/webidl/chrome-signal-outcomes.json, from
 * scripts/chrome-oracle/record-signals.ts):
 *   - no argument: "1 argument required, but only 0 present." (WebIDL overload resolution);
 *   - the dictionary (IDL §5.1.10: UnknownCredentialOptions, AllAcceptedCredentialsOptions,
 *     CurrentUserDetailsOptions), every member required and a DOMString (Base64URLString is a
 *     DOMString typedef), so null becomes "null" and a number its string;
 *   - then AuthenticationCredentialsContainer's own check: each Base64URLString must decode as
 *     unpadded base64url (Base64UnpaddedURLDecode), else TypeError "Invalid base64url string for X."
 *     For signalAllAcceptedCredentials the list is checked before userId (recorded).
 * The RP ID is checked by the browser process in Chromium, and by the service worker here
 * (src/client/signals.ts), with the caller's origin from the browser.
 */
import { dictionary } from './dictionary.ts';
import { decodeUnpaddedBase64url } from './page-steps.ts';
import {
  type Context,
  converting,
  rendererTypeError,
  toDOMString,
  toSequence,
  typeError,
} from './primitives.ts';

export const SIGNAL_METHODS = [
  'signalUnknownCredential',
  'signalAllAcceptedCredentials',
  'signalCurrentUserDetails',
] as const;
export type SignalMethod = (typeof SIGNAL_METHODS)[number];

/** https://www.w3.org/TR/webauthn-3/#dictdef-unknowncredentialoptions */
export interface UnknownCredentialOptions {
  rpId: string;
  credentialId: string;
}
/** https://www.w3.org/TR/webauthn-3/#dictdef-allacceptedcredentialsoptions */
export interface AllAcceptedCredentialsOptions {
  rpId: string;
  userId: string;
  allAcceptedCredentialIds: string[];
}
/** https://www.w3.org/TR/webauthn-3/#dictdef-currentuserdetailsoptions */
export interface CurrentUserDetailsOptions {
  rpId: string;
  userId: string;
  name: string;
  displayName: string;
}

/** One converted signal call: what the page script hands to the browser and to the worker alike. */
export type SignalCall =
  | { method: 'signalUnknownCredential'; options: UnknownCredentialOptions }
  | { method: 'signalAllAcceptedCredentials'; options: AllAcceptedCredentialsOptions }
  | { method: 'signalCurrentUserDetails'; options: CurrentUserDetailsOptions };

const domString = { convert: toDOMString, required: true };

const unknownCredential = dictionary<UnknownCredentialOptions>({
  name: 'UnknownCredentialOptions',
  members: { rpId: domString, credentialId: domString },
});
const allAccepted = dictionary<AllAcceptedCredentialsOptions>({
  name: 'AllAcceptedCredentialsOptions',
  members: {
    rpId: domString,
    userId: domString,
    allAcceptedCredentialIds: {
      convert: (value: unknown, context: Context) => toSequence(value, toDOMString, context),
      required: true,
    },
  },
});
const userDetails = dictionary<CurrentUserDetailsOptions>({
  name: 'CurrentUserDetailsOptions',
  members: { rpId: domString, userId: domString, name: domString, displayName: domString },
});

const contextOf = (method: SignalMethod) => `Failed to execute '${method}' on 'PublicKeyCredential'`;

function checkBase64url(text: string, member: string, context: Context): void {
  // The renderer's own check, not the bindings': the context is in the stack's first line too.
  if (!decodeUnpaddedBase64url(text))
    throw rendererTypeError(context, `Invalid base64url string for ${member}.`);
}

/**
 * Converts a signal method's arguments, or throws the TypeError Chrome would reject with.
 * @param args the method's arguments as the page passed them (their count matters).
 */
export function convertSignal(method: SignalMethod, args: readonly unknown[]): SignalCall {
  return converting(() => convertSignalArguments(method, args));
}

function convertSignalArguments(method: SignalMethod, args: readonly unknown[]): SignalCall {
  const context = contextOf(method);
  if (args.length < 1) throw typeError(context, '1 argument required, but only 0 present.');
  const argument = args[0];
  switch (method) {
    case 'signalUnknownCredential': {
      // A required dictionary argument: null and undefined are not the empty dictionary here
      // (Chromium: "The provided value is not of type …"), unlike an optional one.
      const options = unknownCredential(
        requiredObject(argument, 'UnknownCredentialOptions', context),
        context,
      );
      checkBase64url(options.credentialId, 'credentialId', context);
      return { method, options };
    }
    case 'signalAllAcceptedCredentials': {
      const options = allAccepted(
        requiredObject(argument, 'AllAcceptedCredentialsOptions', context),
        context,
      );
      for (const id of options.allAcceptedCredentialIds) {
        checkBase64url(id, 'allAcceptedCredentialIds', context);
      }
      checkBase64url(options.userId, 'userId', context);
      return { method, options };
    }
    case 'signalCurrentUserDetails': {
      const options = userDetails(requiredObject(argument, 'CurrentUserDetailsOptions', context), context);
      checkBase64url(options.userId, 'userId', context);
      return { method, options };
    }
  }
}

function requiredObject(value: unknown, type: string, context: Context): unknown {
  if (value === undefined || value === null) {
    throw typeError(context, `The provided value is not of type '${type}'.`);
  }
  return value;
}
