/**
 * clientDataJSON, built exactly as WebAuthn L3 §5.8.1.1 "Serialization" prescribes, so that the
 * "limited verification algorithm" of §5.8.1.2 (a byte-prefix match) works on it. The spec defines
 * the bytes by hand rather than as JSON.stringify output: the member order is fixed and strings go
 * through CCDToString, which escapes differently from JSON.stringify: every code point below U+0020
 * becomes \u00xx in lower-case hex (JSON.stringify writes \n, \t, \b, \f, \r), and lone surrogates
 * are not escaped (they end up as U+FFFD once encoded as UTF-8).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { toBase64url, utf8 } from '../shared/bytes.ts';
import type { CallerContext } from './types.ts';

/**
 * WebAuthn L3 §5.1.3 step 17 / §5.1.4.1 ("Let collectedClientData be …") build the CollectedClientData;
 * §5.8.1.1 serializes it.
 * crossOrigin is the inverse of sameOriginWithAncestors; topOrigin is present only when crossOrigin
 * is true (and the caller context knows it).
 */
export function collectedClientData(
  type: 'webauthn.create' | 'webauthn.get',
  challenge: Uint8Array,
  caller: CallerContext,
): string {
  const crossOrigin = !caller.sameOriginWithAncestors;
  // §5.8.1.1 steps 2–7.
  let result = `{"type":${ccdToString(type)}`;
  result += `,"challenge":${ccdToString(toBase64url(challenge))}`;
  result += `,"origin":${ccdToString(caller.origin)}`;
  // §5.8.1.1 steps 8–9.
  result += `,"crossOrigin":${crossOrigin ? 'true' : 'false'}`;
  // §5.8.1.1 step 10: topOrigin only when present, i.e. only for a cross-origin caller (§5.1.3).
  if (crossOrigin && caller.topOrigin !== undefined) {
    result += `,"topOrigin":${ccdToString(caller.topOrigin)}`;
  }
  // §5.8.1.1 steps 11–12: we add no further members, so the object closes here.
  return `${result}}`;
}

/** WebAuthn L3 §5.1.3 step 19 / §5.1.4.1 ("Let clientDataHash be …"): SHA-256 over the UTF-8 bytes of clientDataJSON. */
export function clientDataHash(json: string): Uint8Array {
  return sha256(utf8(json));
}

/** WebAuthn L3 §5.8.1.1 CCDToString. */
function ccdToString(value: string): string {
  let encoded = '"';
  for (const char of value) {
    const codePoint = char.codePointAt(0)!;
    if (codePoint === 0x22) encoded += '\\"';
    else if (codePoint === 0x5c) encoded += '\\\\';
    // Everything from U+0020 up except " and \ is copied as is (UTF-8 encoded later); everything
    // below U+0020 becomes \u followed by four lower-case hex digits.
    else if (codePoint < 0x20) encoded += `\\u${codePoint.toString(16).padStart(4, '0')}`;
    else encoded += char;
  }
  return `${encoded}"`;
}
