/** Raw DEFLATE against Node's zlib (an independent implementation) in both directions. */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { deflateStored, inflateRaw } from './deflate.ts';

const text = new TextEncoder().encode('Grüße from a large blob. '.repeat(80));
const random = Uint8Array.from({ length: 2048 }, (_, i) => (i * 7919 + (i >> 3) * 31) & 0xff);
const samples: [string, Uint8Array][] = [
  ['empty', new Uint8Array(0)],
  ['one byte', Uint8Array.of(42)],
  ['repetitive text', text],
  ['2048 mixed bytes', random],
  ['70000 bytes (two stored blocks)', new Uint8Array(70_000).map((_, i) => i % 251)],
];

describe('raw DEFLATE', () => {
  for (const [name, data] of samples) {
    it(`zlib inflates what deflateStored writes: ${name}`, () => {
      expect(new Uint8Array(inflateRawSync(deflateStored(data)))).toEqual(data);
    });
    for (const level of [0, 1, 9]) {
      it(`inflateRaw reads zlib level ${level}: ${name}`, () => {
        expect(inflateRaw(new Uint8Array(deflateRawSync(data, { level })), 100_000)).toEqual(data);
      });
    }
  }

  it('reads fixed-Huffman blocks (zlib uses them for short input)', () => {
    const short = new TextEncoder().encode('hello hello hello');
    expect(inflateRaw(new Uint8Array(deflateRawSync(short, { strategy: 4 })), 100)).toEqual(short);
  });

  it('refuses output past the bound, truncated data and a reserved block type', () => {
    const bomb = new Uint8Array(deflateRawSync(new Uint8Array(1_000_000)));
    expect(bomb.length).toBeLessThan(2000);
    expect(() => inflateRaw(bomb, 65_536)).toThrow(RangeError);
    const packed = new Uint8Array(deflateRawSync(text));
    expect(() => inflateRaw(packed.subarray(0, packed.length - 5), 100_000)).toThrow(RangeError);
    expect(() => inflateRaw(Uint8Array.of(0b111), 100)).toThrow(RangeError);
  });
});
