/**
 * scrypt (RFC 7914, https://www.rfc-editor.org/rfc/rfc7914), the KDF of Aegis' password slots
 * (Aegis docs/vault.md, "KDF": N = 2^15, r = 8, p = 1), with the limits a file from outside must keep.
 * The tests check it against the RFC's vectors and Node's `crypto.scryptSync`.
 */
import { scryptAsync } from '@noble/hashes/scrypt.js';

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
 * scrypt(password, salt, N, r, p, dkLen) of RFC 7914 §6, by `@noble/hashes` (the library the rest of
 * Tapkey's crypto comes from), after Tapkey's limits. Yields to the event loop while it runs.
 * @throws TypeError for parameters {@link checkScryptParams} refuses.
 */
export async function scrypt(
  password: Uint8Array,
  salt: Uint8Array,
  params: ScryptParams,
  length: number,
): Promise<Uint8Array> {
  checkScryptParams(params);
  return scryptAsync(password, salt, {
    N: params.n,
    r: params.r,
    p: params.p,
    dkLen: length,
    maxmem: SCRYPT_MAX_MEMORY + 4096,
  });
}
