import { describe, expect, it } from 'vitest';
import { ProtoWriter, readFields } from './protobuf.ts';

describe('protobuf wire format', () => {
  it('writes the encoding guide examples', () => {
    // protobuf.dev encoding guide: field 1 = 150 is 08 96 01;
    // field 2 = "testing" is 12 07 74 65 73 74 69 6e 67.
    expect(new ProtoWriter().varint(1, 150).finish()).toEqual(Uint8Array.of(0x08, 0x96, 0x01));
    expect(new ProtoWriter().bytes(2, 'testing').finish()).toEqual(
      Uint8Array.of(0x12, 0x07, 0x74, 0x65, 0x73, 0x74, 0x69, 0x6e, 0x67),
    );
  });

  it('round-trips varints up to 64 bits, negatives and bytes', () => {
    const bytes = new ProtoWriter()
      .varint(1, 0)
      .varint(2, 2n ** 64n - 1n)
      .varint(3, -1)
      .bytes(4, Uint8Array.of(1, 2, 3))
      .varint(1000, 300)
      .finish();
    const fields = readFields(bytes);
    expect(fields.map((f) => [f.number, f.value])).toEqual([
      [1, 0n],
      [2, 2n ** 64n - 1n],
      [3, 2n ** 64n - 1n],
      [4, Uint8Array.of(1, 2, 3)],
      [1000, 300n],
    ]);
  });

  it('skips fixed-width fields', () => {
    const fields = readFields(Uint8Array.of(0x09, 1, 2, 3, 4, 5, 6, 7, 8, 0x15, 1, 2, 3, 4, 0x18, 0x01));
    expect(fields.map((f) => f.wireType)).toEqual([1, 5, 0]);
  });

  it('rejects truncated and malformed data with a message', () => {
    expect(() => readFields(Uint8Array.of(0x08))).toThrow('the protobuf data ends inside a number');
    expect(() => readFields(Uint8Array.of(0x12, 0x05, 0x01))).toThrow(
      'the protobuf data ends inside a field',
    );
    expect(() => readFields(Uint8Array.of(0x0b))).toThrow('wire type 3');
    expect(() => readFields(Uint8Array.of(0x00))).toThrow('field numbered 0');
    expect(() => readFields(new Uint8Array(11).fill(0xff))).toThrow('longer than 10 bytes');
  });
});
