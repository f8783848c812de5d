/**
 * The little ASN.1 DER (ITU-T X.690) that PKCS#8 keys need: one-byte tags, definite lengths up to
 * 65535 bytes. Reading is strict about structure (a key that does not parse is refused, not guessed
 * at) and never puts key bytes into an error message.
 */
import { concat } from '../../shared/bytes.ts';

/** The universal and context tags PKCS#8 uses (X.690 §8.1.2). */
export const TAG = {
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  SEQUENCE: 0x30,
  /** [0], constructed: ECPrivateKey `parameters`, PKCS#8 `attributes`. */
  CONTEXT_0: 0xa0,
  /** [1], constructed: ECPrivateKey `publicKey` (RFC 5915). */
  CONTEXT_1: 0xa1,
  /** [1], primitive (IMPLICIT BIT STRING): OneAsymmetricKey `publicKey` (RFC 5958). */
  CONTEXT_1_PRIMITIVE: 0x81,
} as const;

/** One tag-length-value element. */
export interface DerElement {
  tag: number;
  contents: Uint8Array;
}

/**
 * Splits `bytes` into the elements it holds, one after another (the contents of a SEQUENCE, or a
 * whole encoding, which must then be one element).
 * @param what - What is being read, for errors ("PrivateKeyInfo").
 * @throws TypeError when an element is cut short, has an indefinite or over-long length, or a
 *   multi-byte tag.
 */
export function readDerElements(bytes: Uint8Array, what: string): DerElement[] {
  const elements: DerElement[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const tag = bytes[offset]!;
    // X.690 §8.1.2.4: tag number 31 means more tag bytes follow; nothing in PKCS#8 needs that.
    if ((tag & 0x1f) === 0x1f) throw new TypeError(`${what} has a multi-byte DER tag`);
    let length = bytes[offset + 1];
    let start = offset + 2;
    if (length === undefined) throw new TypeError(`${what} is cut short`);
    if (length === 0x80) throw new TypeError(`${what} has an indefinite length, which DER forbids`);
    if (length > 0x80) {
      // X.690 §8.1.3.5: long form, (length & 0x7f) bytes of length follow, big-endian.
      const count = length & 0x7f;
      if (count > 2) throw new TypeError(`${what} has a DER length over 65535 bytes`);
      length = 0;
      for (let i = 0; i < count; i++) {
        const byte = bytes[start + i];
        if (byte === undefined) throw new TypeError(`${what} is cut short`);
        length = (length << 8) | byte;
      }
      start += count;
    }
    const end = start + length;
    if (end > bytes.length) throw new TypeError(`${what} is cut short`);
    elements.push({ tag, contents: bytes.subarray(start, end) });
    offset = end;
  }
  return elements;
}

/**
 * Reads an encoding that must be exactly one element with tag `tag`.
 * @throws TypeError naming `what` when it is not.
 */
export function readDerOne(bytes: Uint8Array, tag: number, what: string): Uint8Array {
  const elements = readDerElements(bytes, what);
  const only = elements[0];
  if (elements.length !== 1 || only === undefined) {
    throw new TypeError(`${what} is not a single DER element (it has ${elements.length})`);
  }
  if (only.tag !== tag)
    throw new TypeError(`${what} has DER tag ${hexByte(only.tag)}; expected ${hexByte(tag)}`);
  return only.contents;
}

/** Encodes one element with a minimal definite length (X.690 §10.1: DER). */
export function writeDer(tag: number, ...contents: Uint8Array[]): Uint8Array {
  const body = concat(...contents);
  const n = body.length;
  if (n > 0xffff) throw new RangeError(`DER contents of ${n} bytes are more than this encoder writes`);
  const length = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  return concat(Uint8Array.of(tag, ...length), body);
}

/** "0x30" for messages. */
export function hexByte(byte: number): string {
  return `0x${byte.toString(16).padStart(2, '0')}`;
}
