/**
 * Just enough of the protobuf wire format (https://protobuf.dev/programming-guides/encoding/) for
 * Google Authenticator's export payload: varints and length-delimited fields, plus skipping the
 * fixed-width types so that unknown fields of any type are tolerated.
 */

/** Wire types (protobuf encoding guide, "Message Structure"). */
export const WIRE_VARINT = 0;
export const WIRE_I64 = 1;
export const WIRE_LEN = 2;
export const WIRE_I32 = 5;

/** One field as read from the wire: a varint as bigint, a length-delimited field as bytes. */
export type ProtoField =
  | { number: number; wireType: typeof WIRE_VARINT; value: bigint }
  | { number: number; wireType: typeof WIRE_LEN; value: Uint8Array }
  | { number: number; wireType: typeof WIRE_I64 | typeof WIRE_I32; value: Uint8Array };

/**
 * Reads every top-level field of a message, in order.
 * @throws TypeError if the bytes end inside a field or use a wire type other than 0, 1, 2 or 5.
 */
export function readFields(bytes: Uint8Array): ProtoField[] {
  const fields: ProtoField[] = [];
  let pos = 0;
  const varint = (): bigint => {
    let result = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      if (pos >= bytes.length) throw new TypeError('the protobuf data ends inside a number');
      const byte = bytes[pos++]!;
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result & 0xffff_ffff_ffff_ffffn;
    }
    throw new TypeError('the protobuf data has a number longer than 10 bytes');
  };
  const take = (length: number): Uint8Array => {
    if (length > bytes.length - pos) throw new TypeError('the protobuf data ends inside a field');
    const out = bytes.subarray(pos, pos + length);
    pos += length;
    return out;
  };
  while (pos < bytes.length) {
    const tag = varint();
    const number = Number(tag >> 3n);
    const wireType = Number(tag & 7n);
    if (number === 0) throw new TypeError('the protobuf data has a field numbered 0');
    switch (wireType) {
      case WIRE_VARINT:
        fields.push({ number, wireType, value: varint() });
        break;
      case WIRE_LEN: {
        const length = varint();
        if (length > BigInt(bytes.length)) throw new TypeError('the protobuf data ends inside a field');
        fields.push({ number, wireType, value: take(Number(length)) });
        break;
      }
      case WIRE_I64:
        fields.push({ number, wireType, value: take(8) });
        break;
      case WIRE_I32:
        fields.push({ number, wireType, value: take(4) });
        break;
      default:
        throw new TypeError(`the protobuf data has wire type ${wireType}, which this reader does not know`);
    }
  }
  return fields;
}

/** Builds a message field by field. */
export class ProtoWriter {
  private readonly parts: number[] = [];

  /** Appends a varint field (int32/int64/enum; negative numbers as 10-byte two's complement). */
  varint(number: number, value: number | bigint): this {
    this.rawVarint(BigInt(number << 3) | BigInt(WIRE_VARINT));
    this.rawVarint(BigInt.asUintN(64, BigInt(value)));
    return this;
  }

  /** Appends a length-delimited field (bytes, string as UTF-8, or an embedded message). */
  bytes(number: number, value: Uint8Array | string): this {
    const data = typeof value === 'string' ? new TextEncoder().encode(value) : value;
    this.rawVarint(BigInt(number << 3) | BigInt(WIRE_LEN));
    this.rawVarint(BigInt(data.length));
    for (const byte of data) this.parts.push(byte);
    return this;
  }

  /** The message so far. */
  finish(): Uint8Array {
    return Uint8Array.from(this.parts);
  }

  private rawVarint(value: bigint): void {
    let rest = value;
    while (rest >= 0x80n) {
      this.parts.push(Number(rest & 0x7fn) | 0x80);
      rest >>= 7n;
    }
    this.parts.push(Number(rest));
  }
}
