/**
 * Raw DEFLATE (RFC 1951), which CXF §3.3.12.5 Fido2LargeBlob `data` holds (as CTAP 2.1 §6.10.3 large
 * blobs are compressed). Writing uses stored blocks only (BTYPE 00, §3.2.4): valid DEFLATE every
 * inflater reads, and a 2 KiB blob gains 5 bytes. Reading handles all three block types, since other
 * exporters compress with Huffman codes; the output is bounded so a small file cannot inflate to
 * gigabytes. Pure and synchronous, so the CXF import stays one synchronous step.
 */

/** RFC 1951 §3.2.4: a stored block holds at most 65,535 bytes. */
const STORED_MAX = 0xffff;

export function deflateStored(data: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(data.length / STORED_MAX));
  const out = new Uint8Array(data.length + blocks * 5);
  let at = 0;
  for (let i = 0; i < blocks; i++) {
    const chunk = data.subarray(i * STORED_MAX, (i + 1) * STORED_MAX);
    // Header bits: BFINAL on the last block, BTYPE 00; the rest of the byte is padding.
    out[at++] = i === blocks - 1 ? 1 : 0;
    out[at++] = chunk.length & 0xff;
    out[at++] = chunk.length >> 8;
    out[at++] = ~chunk.length & 0xff;
    out[at++] = (~chunk.length >> 8) & 0xff;
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** §3.2.5: lengths 3–258 for codes 257–285, and distances 1–32768 for codes 0–29. */
const LENGTH_BASE = [
  3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195,
  227, 258,
];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097,
  6145, 8193, 12289, 16385, 24577,
];
const DIST_EXTRA = [
  0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
];
/** §3.2.7: the order code-length code lengths are sent in. */
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

/** A canonical Huffman code (§3.2.2) as counts per length and symbols in code order. */
interface Huffman {
  counts: Uint16Array;
  symbols: Uint16Array;
}

function huffman(lengths: ArrayLike<number>): Huffman {
  const counts = new Uint16Array(16);
  for (let i = 0; i < lengths.length; i++) counts[lengths[i]!]!++;
  counts[0] = 0;
  const offsets = new Uint16Array(16);
  for (let len = 1; len < 16; len++) offsets[len] = offsets[len - 1]! + counts[len - 1]!;
  const symbols = new Uint16Array(lengths.length);
  for (let i = 0; i < lengths.length; i++) {
    const len = lengths[i]!;
    if (len !== 0) symbols[offsets[len]!++] = i;
  }
  return { counts, symbols };
}

const FIXED_LITERALS = huffman(
  Array.from({ length: 288 }, (_, i) => (i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8)),
);
const FIXED_DISTANCES = huffman(new Array<number>(30).fill(5));

class Bits {
  private byte = 0;
  private bit = 0;
  constructor(private readonly data: Uint8Array) {}

  /** `n` bits, least significant first (§3.1.1). */
  read(n: number): number {
    let value = 0;
    for (let i = 0; i < n; i++) {
      const current = this.data[this.byte];
      if (current === undefined) throw new RangeError('the DEFLATE data ends early');
      value |= ((current >> this.bit) & 1) << i;
      if (++this.bit === 8) {
        this.bit = 0;
        this.byte++;
      }
    }
    return value;
  }

  /** Skips to the next byte boundary and reads whole bytes (stored blocks). */
  bytes(n: number): Uint8Array {
    if (this.bit !== 0) {
      this.bit = 0;
      this.byte++;
    }
    if (this.byte + n > this.data.length) throw new RangeError('the DEFLATE data ends early');
    const out = this.data.subarray(this.byte, this.byte + n);
    this.byte += n;
    return out;
  }

  decode(code: Huffman): number {
    // Canonical codes: walk the lengths, counting codes shorter than the one being read.
    let first = 0;
    let index = 0;
    let value = 0;
    for (let len = 1; len < 16; len++) {
      value |= this.read(1);
      const count = code.counts[len]!;
      if (value - first < count) return code.symbols[index + value - first]!;
      index += count;
      first = (first + count) << 1;
      value <<= 1;
    }
    throw new RangeError('the DEFLATE data has an invalid Huffman code');
  }
}

/**
 * Inflates raw DEFLATE data.
 * @throws RangeError when the data is malformed or would inflate past `maxOutput` bytes.
 */
export function inflateRaw(data: Uint8Array, maxOutput: number): Uint8Array {
  const bits = new Bits(data);
  let out = new Uint8Array(Math.min(maxOutput, Math.max(64, data.length * 4)));
  let length = 0;
  const room = (n: number) => {
    if (length + n > maxOutput) throw new RangeError(`the DEFLATE data inflates past ${maxOutput} bytes`);
    if (length + n > out.length) {
      const bigger = new Uint8Array(Math.min(maxOutput, Math.max(length + n, out.length * 2)));
      bigger.set(out.subarray(0, length));
      out = bigger;
    }
  };
  let final = 0;
  while (!final) {
    final = bits.read(1);
    const type = bits.read(2);
    if (type === 0) {
      const [lo, hi, nlo, nhi] = bits.bytes(4);
      const len = lo! | (hi! << 8);
      if ((len ^ (nlo! | (nhi! << 8))) !== 0xffff)
        throw new RangeError('a stored DEFLATE block has a bad length');
      room(len);
      out.set(bits.bytes(len), length);
      length += len;
      continue;
    }
    if (type === 3) throw new RangeError('the DEFLATE data has a reserved block type');
    const [literals, distances] = type === 1 ? [FIXED_LITERALS, FIXED_DISTANCES] : dynamicCodes(bits);
    for (;;) {
      const symbol = bits.decode(literals);
      if (symbol < 256) {
        room(1);
        out[length++] = symbol;
        continue;
      }
      if (symbol === 256) break;
      const l = symbol - 257;
      if (l >= LENGTH_BASE.length) throw new RangeError('the DEFLATE data has an invalid length code');
      const copy = LENGTH_BASE[l]! + bits.read(LENGTH_EXTRA[l]!);
      const d = bits.decode(distances);
      if (d >= DIST_BASE.length) throw new RangeError('the DEFLATE data has an invalid distance code');
      const distance = DIST_BASE[d]! + bits.read(DIST_EXTRA[d]!);
      if (distance > length) throw new RangeError('the DEFLATE data refers before its start');
      room(copy);
      // Byte by byte: a copy may overlap what it writes (distance < length).
      for (let i = 0; i < copy; i++, length++) out[length] = out[length - distance]!;
    }
  }
  return out.slice(0, length);
}

/** §3.2.7: the literal/length and distance codes of a dynamic block. */
function dynamicCodes(bits: Bits): [Huffman, Huffman] {
  const literalCount = bits.read(5) + 257;
  const distanceCount = bits.read(5) + 1;
  const codeLengthCount = bits.read(4) + 4;
  const codeLengths = new Uint8Array(19);
  for (let i = 0; i < codeLengthCount; i++) codeLengths[CODE_LENGTH_ORDER[i]!] = bits.read(3);
  const codeLengthCode = huffman(codeLengths);
  const lengths = new Uint8Array(literalCount + distanceCount);
  for (let i = 0; i < lengths.length; ) {
    const symbol = bits.decode(codeLengthCode);
    if (symbol < 16) {
      lengths[i++] = symbol;
      continue;
    }
    let repeat: number;
    let value = 0;
    if (symbol === 16) {
      if (i === 0) throw new RangeError('the DEFLATE data repeats a length before the first');
      value = lengths[i - 1]!;
      repeat = 3 + bits.read(2);
    } else repeat = symbol === 17 ? 3 + bits.read(3) : 11 + bits.read(7);
    if (i + repeat > lengths.length) throw new RangeError('the DEFLATE data has too many code lengths');
    lengths.fill(value, i, i + repeat);
    i += repeat;
  }
  return [huffman(lengths.subarray(0, literalCount)), huffman(lengths.subarray(literalCount))];
}
