/**
 * What Tapkey itself implements, in one place: the page script routes requests by it (a requirement
 * Tapkey cannot meet goes to the browser) and answers PublicKeyCredential.getClientCapabilities()
 * with it (WebAuthn L3 §5.1.7), so a page is not promised what Tapkey does not do.
 */

/** WebAuthn extension identifiers Tapkey processes (WebAuthn L3 §10). Others are ignored, as §9 allows. */
export const TAPKEY_EXTENSIONS: ReadonlySet<string> = new Set(['credProps', 'largeBlob', 'prf']);

/**
 * Capabilities Tapkey answers for itself rather than the browser: it offers its passkeys on autofill
 * fields (conditional get, §5.1.4), and it checks RP IDs against the caller's own domain only,
 * without fetching the related origins of §5.11 (.well-known/webauthn). The signal methods Tapkey
 * implements itself (and passes on to the browser), so they are true whatever the browser says.
 * Everything else Tapkey hands to the browser (conditional create, immediate requests, hybrid, the
 * platform authenticator), so the browser's answer is the true one.
 */
const TAPKEY_ANSWERS: Readonly<Record<string, boolean>> = {
  conditionalGet: true,
  relatedOrigins: false,
  // §5.1.10: the page script answers the signal methods for Tapkey's passkeys (and passes them on).
  signalAllAcceptedCredentials: true,
  signalCurrentUserDetails: true,
  signalUnknownCredential: true,
};

const EXTENSION_PREFIX = 'extension:';

/**
 * The browser's capabilities with Tapkey's truth in them: an `extension:` key is true only for an
 * extension Tapkey implements (and every one it implements is listed), keys in ascending
 * code-unit order as §5.1.7 orders them.
 */
export function mergeClientCapabilities(browser: Readonly<Record<string, unknown>>): Record<string, boolean> {
  const merged = new Map<string, boolean>();
  for (const [key, value] of Object.entries(browser)) {
    if (typeof value !== 'boolean') continue;
    merged.set(
      key,
      key.startsWith(EXTENSION_PREFIX) ? TAPKEY_EXTENSIONS.has(key.slice(EXTENSION_PREFIX.length)) : value,
    );
  }
  for (const extension of TAPKEY_EXTENSIONS) merged.set(`${EXTENSION_PREFIX}${extension}`, true);
  for (const [key, value] of Object.entries(TAPKEY_ANSWERS)) merged.set(key, value);
  const out: Record<string, boolean> = {};
  for (const key of [...merged.keys()].sort()) out[key] = merged.get(key)!;
  return out;
}
