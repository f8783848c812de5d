/**
 * Where one CBOR data item ends (RFC 8949 §3), without decoding it. Authenticator data puts the
 * credential public key and the extension outputs back to back with no length before them
 * (WebAuthn L3 §6.1 and §6.5.1), so the inspector needs each item's end to decode the next.
 */

/** The offset just past the data item that starts at `offset`. Throws on truncated or malformed input. */
export function cborItemEnd(bytes: Uint8Array, offset: number): number {
  const initial = bytes[offset];
  if (initial === undefined) throw new RangeError(`CBOR item missing at offset ${offset}`);
  const major = initial >> 5;
  const info = initial & 0x1f;
  let position = offset + 1;
  let argument: number;
  if (info < 24) argument = info;
  else if (info <= 27) {
    const size = 1 << (info - 24);
    if (position + size > bytes.length) throw new RangeError('CBOR argument truncated');
    argument = 0;
    for (let i = 0; i < size; i++) argument = argument * 256 + bytes[position + i]!;
    position += size;
  } else if (info === 31) {
    // Indefinite length (RFC 8949 §3.2): items until the "break" byte 0xff. Not in CTAP2's
    // canonical form, but a page-facing inspector should not crash on it.
    if (major === 7) throw new RangeError('unexpected CBOR break');
    while (bytes[position] !== 0xff) {
      if (position >= bytes.length) throw new RangeError('CBOR indefinite item not terminated');
      position = cborItemEnd(bytes, position);
      if (major === 5) position = cborItemEnd(bytes, position);
    }
    return position + 1;
  } else throw new RangeError(`reserved CBOR additional information ${info}`);

  switch (major) {
    case 0:
    case 1:
    case 7:
      return position;
    case 2:
    case 3:
      if (position + argument > bytes.length) throw new RangeError('CBOR string truncated');
      return position + argument;
    case 4:
      for (let i = 0; i < argument; i++) position = cborItemEnd(bytes, position);
      return position;
    case 5:
      for (let i = 0; i < argument * 2; i++) position = cborItemEnd(bytes, position);
      return position;
    default:
      // Major type 6: a tag, followed by one item.
      return cborItemEnd(bytes, position);
  }
}
