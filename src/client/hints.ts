/**
 * WebAuthn L3 §5.8.7 PublicKeyCredentialHint ("security-key", "client-device", "hybrid"): the RP's
 * preferred kinds of authenticator, most preferred first. They only steer UI; the spec says clients
 * MUST ignore values they do not know (§5.4 `hints`), and a repeated one adds nothing.
 */

export const HINTS = ['security-key', 'client-device', 'hybrid'] as const;
export type Hint = (typeof HINTS)[number];

/** The hints of a page's options as Tapkey uses them: known values only, first occurrence each. */
export function knownHints(value: unknown): Hint[] {
  if (!Array.isArray(value)) return [];
  const out: Hint[] = [];
  for (const each of value) {
    if ((HINTS as readonly unknown[]).includes(each) && !out.includes(each as Hint)) out.push(each as Hint);
  }
  return out;
}

/**
 * True when the RP asks only for the device's own (platform) authenticator: Tapkey, a roaming
 * security key, is then not what it wants, and the browser answers (page-steps.ts).
 */
export function onlyClientDevice(hints: readonly string[]): boolean {
  const known = knownHints(hints);
  return known.length === 1 && known[0] === 'client-device';
}
