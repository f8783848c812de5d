/**
 * RFC 4648 §6 base32, the encoding of TOTP secrets. Decoding is lenient about what people type or
 * copy (lower case, spaces, hyphens, `=` padding) and strict about everything else.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const VALUES: ReadonlyMap<string, number> = new Map([...ALPHABET].map((c, i) => [c, i]));

/**
 * Decodes base32 text to bytes.
 *
 * Accepts lower case, and ignores spaces, tabs, hyphens and trailing `=` padding. Leftover bits after
 * the last whole byte are dropped, as every authenticator app does.
 *
 * @param text - The base32 text, e.g. `JBSW Y3DP EHPK 3PXP`.
 * @param field - What the text is, for error messages ("secret").
 * @throws TypeError saying what is wrong: an empty value, a character outside A–Z/2–7, padding in the
 *   middle, or a length that no byte string encodes to (1, 3 or 6 characters past a multiple of 8).
 */
export function decodeBase32(text: string, field = 'secret'): Uint8Array {
  const compact = text.replace(/[\s-]+/g, '').toUpperCase();
  const unpadded = compact.replace(/=+$/, '');
  if (unpadded.length === 0) throw new TypeError(`${field} is empty`);
  const out = new Uint8Array(Math.floor((unpadded.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (let i = 0; i < unpadded.length; i++) {
    const char = unpadded[i]!;
    const value = VALUES.get(char);
    if (value === undefined) {
      if (char === '=') throw new TypeError(`${field} has '=' padding before its end`);
      throw new TypeError(`${field} contains '${char}', which is not a base32 character (A–Z, 2–7)`);
    }
    buffer = ((buffer << 5) | value) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[index++] = (buffer >>> bits) & 0xff;
    }
  }
  const rest = unpadded.length % 8;
  if (rest === 1 || rest === 3 || rest === 6) {
    throw new TypeError(
      `${field} has ${unpadded.length} base32 characters, a length no byte string encodes to ` +
        '(it may be cut short or have a character too many)',
    );
  }
  return out;
}

/**
 * Encodes bytes as base32, upper case.
 *
 * @param bytes - What to encode.
 * @param options.padding - Append `=` to a multiple of 8 characters (RFC 4648). Default false: the
 *   Key Uri Format says padding "should be omitted".
 */
export function encodeBase32(bytes: Uint8Array, options: { padding?: boolean } = {}): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(buffer >>> bits) & 31];
    }
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  if (options.padding) out += '='.repeat((8 - (out.length % 8)) % 8);
  return out;
}
