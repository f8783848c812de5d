/**
 * Which rule a failed ceremony broke, for the log: the spec section beside the error Tapkey answered.
 * Read from the message the client layer wrote (src/client), so the client needs no change to be
 * explained; a message not listed here is logged without a rule rather than with a guessed one.
 */

interface RuleMatch {
  pattern: RegExp;
  rule: string;
}

const RULES: readonly RuleMatch[] = [
  { pattern: /excludeCredentials/, rule: 'CTAP 2.1 §6.1.2 step 11 (excludeList); WebAuthn L3 §6.3.2 step 3' },
  { pattern: /No supported algorithm/, rule: 'WebAuthn L3 §6.3.2 step 2 (no supported pubKeyCredParams)' },
  { pattern: /opaque or unparsable/, rule: 'WebAuthn L3 §5.1.3 step 6 / §5.1.4.1 step 5 (opaque origin)' },
  { pattern: /requires HTTPS/, rule: 'WebAuthn L3 §5.1.3 step 7 (valid domain; Secure Contexts §3.1)' },
  { pattern: /is an IP address/, rule: 'WebAuthn L3 §5.1.3 step 7 (an IP address is not a valid domain)' },
  {
    pattern: /^RP ID .* is not valid for origin/,
    rule: 'WebAuthn L3 §5.1.3 step 8 / §5.1.4.1 step 7 (RP ID is not a registrable suffix of the origin’s domain)',
  },
  {
    pattern: /feature is not enabled in this document/,
    rule: 'WebAuthn L3 §5.9 (permissions policy) and §5.1.3 step 2',
  },
  {
    pattern: /needs a user gesture/,
    rule: 'WebAuthn L3 §5.1.3 step 2.3 (transient activation in a cross-origin frame)',
  },
  { pattern: /appidExclude extension/, rule: 'WebAuthn L3 §10.1.2 (appidExclude)' },
  { pattern: /appid extension/, rule: 'WebAuthn L3 §10.1.1 (appid)' },
  { pattern: /largeBlob/, rule: 'WebAuthn L3 §10.1.5 (largeBlob)' },
  { pattern: /protection policy/, rule: 'CTAP 2.1 §12.1 (credProtect) as Chromium checks it' },
  { pattern: /none of type "public-key"/, rule: 'WebAuthn L3 §5.1.3 step 10 (pubKeyCredParams)' },
  { pattern: /^user\.id .*(bytes|expected)/, rule: 'WebAuthn L3 §5.4.3 (user.id is 1 to 64 bytes)' },
  { pattern: /^challenge /, rule: 'WebAuthn L3 §5.4 / §5.5 (challenge: a BufferSource)' },
  {
    pattern: /expected (an object|an array|a string|a boolean|an integer)|is not base64url/,
    rule: 'WebIDL conversion of the options (WebAuthn L3 §5.1.3 / §5.1.4, argument types)',
  },
  {
    pattern: /timed out or was not allowed/,
    rule: 'WebAuthn L3 §5.1.3 step 21 / §5.1.4.1 step 19 (user cancelled, timed out, or the authenticator refused: indistinguishable on purpose, §14.5.1)',
  },
  {
    pattern: /not visible|not focused/,
    rule: 'WebAuthn L3 §5.1.3 step 2 (a focused, visible document, as Chrome requires)',
  },
  { pattern: /already pending/, rule: 'one request per tab (Tapkey; Chrome answers the same)' },
];

/** The spec rule behind an error message, or undefined when none is known. */
export function ruleFor(message: string): string | undefined {
  return RULES.find((r) => r.pattern.test(message))?.rule;
}
