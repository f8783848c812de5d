/**
 * scrypt (RFC 7914, https://www.rfc-editor.org/rfc/rfc7914), the KDF of Aegis' password slots
 * (Aegis docs/vault.md, "KDF": N = 2^15, r = 8, p = 1).
 *
 * Written here rather than taken from `@noble/hashes` because src/totp imports only its own files
 * (purity.test.ts); WebCrypto has PBKDF2 but no scrypt. The outer PBKDF2 steps run on WebCrypto; the
 * memory-hard middle (ROMix over BlockMix over Salsa20/8) is below, following RFC 7914 §§3–5. The
 * tests check it against the RFC's vectors, Node's `crypto.scryptSync` and noble's `scrypt`.
 */
import { pbkdf2Sha256 } from './import-backup-crypto.ts';

/** scrypt's cost parameters, as an Aegis password slot stores them (`n`, `r`, `p`). */
export interface ScryptParams {
  /** CPU/memory cost N: a power of two greater than 1. */
  n: number;
  /** Block size r (a block is 128·r bytes). */
  r: number;
  /** Parallelisation p: how many blocks are mixed, one after the other here. */
  p: number;
}

/**
 * The most memory Tapkey lets a file make scrypt use (128·r·N bytes): 8 times Aegis' 32 MiB. A vault
 * is untrusted input, and the popup is a small process.
 */
export const SCRYPT_MAX_MEMORY = 256 * 1024 * 1024;
/** The most work (N·r·p, in 128-byte BlockMix halves) a file may ask for: 16 times Aegis' default. */
export const SCRYPT_MAX_WORK = 16 * 32768 * 8;

/**
 * Checks `params` are valid scrypt parameters (RFC 7914 §2) within Tapkey's limits.
 * @throws TypeError saying which parameter is wrong.
 */
export function checkScryptParams({ n, r, p }: ScryptParams): void {
  for (const [name, value] of [
    ['n', n],
    ['r', r],
    ['p', p],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new TypeError(`scrypt ${name} is ${String(value)}; expected a positive whole number`);
    }
  }
  // RFC 7914 §2: N must be larger than 1 and a power of 2. (`&` works on 32 bits; a larger N fails the
  // memory limit below anyway.)
  if (n < 2 || (n <= 2 ** 30 && (n & (n - 1)) !== 0)) {
    throw new TypeError(`scrypt n is ${n}; expected a power of 2 greater than 1`);
  }
  if (128 * r * n > SCRYPT_MAX_MEMORY || n * r * p > SCRYPT_MAX_WORK) {
    throw new TypeError(
      `scrypt parameters n=${n}, r=${r}, p=${p} ask for far more work than Aegis uses (n=32768, r=8, ` +
        'p=1); Tapkey will not run them',
    );
  }
}

/**
 * scrypt(password, salt, N, r, p, dkLen) of RFC 7914 §6.
 * Takes about 0.1–0.3 s and 32 MiB at Aegis' parameters; the ROMix loop does not yield.
 * @throws TypeError for parameters {@link checkScryptParams} refuses.
 */
export async function scrypt(
  password: Uint8Array,
  salt: Uint8Array,
  params: ScryptParams,
  length: number,
): Promise<Uint8Array> {
  checkScryptParams(params);
  const { n, r, p } = params;
  const blockWords = 32 * r;
  // 1. B = PBKDF2-HMAC-SHA256(P, S, 1, p · 128 · r)
  const b = await pbkdf2Sha256(password, salt, 1, p * 128 * r);
  const words = bytesToWords(b);
  // 2. B_i = scryptROMix(r, B_i, N) for each of the p blocks
  const v = new Uint32Array(blockWords * n);
  const scratch = new Uint32Array(blockWords);
  for (let i = 0; i < p; i++) roMix(words.subarray(i * blockWords, (i + 1) * blockWords), v, scratch, n, r);
  v.fill(0);
  // 3. DK = PBKDF2-HMAC-SHA256(P, B, 1, dkLen)
  return pbkdf2Sha256(password, wordsToBytes(words), 1, length);
}

/** scryptROMix (RFC 7914 §5) on the block `x`, in place; `v` holds N blocks, `t` one. */
function roMix(x: Uint32Array, v: Uint32Array, t: Uint32Array, n: number, r: number): void {
  const blockWords = x.length;
  // 2. for i = 0 to N - 1: V_i = X; X = scryptBlockMix(X)
  for (let i = 0; i < n; i++) {
    v.set(x, i * blockWords);
    blockMix(x, t, r);
    x.set(t);
  }
  // 3. for i = 0 to N - 1: j = Integerify(X) mod N; X = scryptBlockMix(X xor V_j)
  for (let i = 0; i < n; i++) {
    // Integerify: the last 64-byte sub-block's first word, little-endian. N ≤ 2^30, so its low 32 bits
    // are all that "mod N" needs.
    const j = x[(2 * r - 1) * 16]! & (n - 1);
    const offset = j * blockWords;
    for (let k = 0; k < blockWords; k++) x[k]! ^= v[offset + k]!;
    blockMix(x, t, r);
    x.set(t);
  }
}

/** The 16-word Salsa20 state BlockMix works in, reused between calls (scrypt is synchronous inside). */
const state = new Uint32Array(16);

/**
 * scryptBlockMix (RFC 7914 §4): `input` is 2r 64-byte sub-blocks; `output` gets Y_0, Y_2, …, Y_2r-2
 * followed by Y_1, Y_3, …, Y_2r-1.
 */
function blockMix(input: Uint32Array, output: Uint32Array, r: number): void {
  // 1. X = B_{2r-1}
  state.set(input.subarray((2 * r - 1) * 16, 2 * r * 16));
  for (let i = 0; i < 2 * r; i++) {
    // 2. T = X xor B_i; X = Salsa(T); Y_i = X
    for (let k = 0; k < 16; k++) state[k]! ^= input[i * 16 + k]!;
    salsa20_8(state);
    // 3. even Y_i go to the first half, odd ones to the second
    output.set(state, ((i & 1) * r + (i >> 1)) * 16);
  }
}

/** The Salsa20/8 core (RFC 7914 §3) on a 16-word little-endian block, in place. */
function salsa20_8(b: Uint32Array): void {
  let x0 = b[0]!;
  let x1 = b[1]!;
  let x2 = b[2]!;
  let x3 = b[3]!;
  let x4 = b[4]!;
  let x5 = b[5]!;
  let x6 = b[6]!;
  let x7 = b[7]!;
  let x8 = b[8]!;
  let x9 = b[9]!;
  let x10 = b[10]!;
  let x11 = b[11]!;
  let x12 = b[12]!;
  let x13 = b[13]!;
  let x14 = b[14]!;
  let x15 = b[15]!;
  // Four double rounds = 8 rounds; each double round is a column round then a row round.
  for (let i = 0; i < 8; i += 2) {
    x4 ^= rotl(x0 + x12, 7);
    x8 ^= rotl(x4 + x0, 9);
    x12 ^= rotl(x8 + x4, 13);
    x0 ^= rotl(x12 + x8, 18);
    x9 ^= rotl(x5 + x1, 7);
    x13 ^= rotl(x9 + x5, 9);
    x1 ^= rotl(x13 + x9, 13);
    x5 ^= rotl(x1 + x13, 18);
    x14 ^= rotl(x10 + x6, 7);
    x2 ^= rotl(x14 + x10, 9);
    x6 ^= rotl(x2 + x14, 13);
    x10 ^= rotl(x6 + x2, 18);
    x3 ^= rotl(x15 + x11, 7);
    x7 ^= rotl(x3 + x15, 9);
    x11 ^= rotl(x7 + x3, 13);
    x15 ^= rotl(x11 + x7, 18);

    x1 ^= rotl(x0 + x3, 7);
    x2 ^= rotl(x1 + x0, 9);
    x3 ^= rotl(x2 + x1, 13);
    x0 ^= rotl(x3 + x2, 18);
    x6 ^= rotl(x5 + x4, 7);
    x7 ^= rotl(x6 + x5, 9);
    x4 ^= rotl(x7 + x6, 13);
    x5 ^= rotl(x4 + x7, 18);
    x11 ^= rotl(x10 + x9, 7);
    x8 ^= rotl(x11 + x10, 9);
    x9 ^= rotl(x8 + x11, 13);
    x10 ^= rotl(x9 + x8, 18);
    x12 ^= rotl(x15 + x14, 7);
    x13 ^= rotl(x12 + x15, 9);
    x14 ^= rotl(x13 + x12, 13);
    x15 ^= rotl(x14 + x13, 18);
  }
  // Storing into a Uint32Array reduces each sum mod 2^32.
  b[0] = b[0]! + x0;
  b[1] = b[1]! + x1;
  b[2] = b[2]! + x2;
  b[3] = b[3]! + x3;
  b[4] = b[4]! + x4;
  b[5] = b[5]! + x5;
  b[6] = b[6]! + x6;
  b[7] = b[7]! + x7;
  b[8] = b[8]! + x8;
  b[9] = b[9]! + x9;
  b[10] = b[10]! + x10;
  b[11] = b[11]! + x11;
  b[12] = b[12]! + x12;
  b[13] = b[13]! + x13;
  b[14] = b[14]! + x14;
  b[15] = b[15]! + x15;
}

/** 32-bit left rotation; `<<` and `>>>` first reduce the (possibly > 2^32) sum mod 2^32. */
function rotl(a: number, bits: number): number {
  return (a << bits) | (a >>> (32 - bits));
}

/** Bytes to little-endian 32-bit words (RFC 7914 reads every block little-endian). */
function bytesToWords(bytes: Uint8Array): Uint32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const words = new Uint32Array(bytes.length / 4);
  for (let i = 0; i < words.length; i++) words[i] = view.getUint32(4 * i, true);
  return words;
}

/** Little-endian 32-bit words to bytes. */
function wordsToBytes(words: Uint32Array): Uint8Array {
  const bytes = new Uint8Array(words.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < words.length; i++) view.setUint32(4 * i, words[i]!, true);
  return bytes;
}
