import { describe, expect, it } from 'vitest';
import { toHex } from '../shared/bytes.ts';
import { canonicalMap, decodeCbor, encodeCbor } from './cbor.ts';

describe('cbor wrapper', () => {
  it('encodes byte strings as major type 2, never tag 64 (architecture trap 1)', () => {
    expect(toHex(encodeCbor(Uint8Array.of(1, 2, 3)))).toBe('43010203');
  });

  it('encodes maps in insertion order with definite lengths and no tag 259', () => {
    const bytes = encodeCbor(
      canonicalMap([
        [1, 2],
        [3, -7],
        [-1, 1],
      ]),
    );
    expect(toHex(bytes)).toBe('a301020326' + '2001');
  });

  it('refuses keys out of CTAP2 canonical order', () => {
    expect(() =>
      canonicalMap([
        [3, 1],
        [1, 1],
      ]),
    ).toThrow(/canonical order/);
    expect(() =>
      canonicalMap([
        ['authData', 1],
        ['fmt', 1],
      ]),
    ).toThrow(/canonical order/);
    expect(() =>
      canonicalMap([
        [-1, 1],
        [1, 1],
      ]),
    ).toThrow(/canonical order/);
  });

  it('round-trips what it writes', () => {
    const decoded = decodeCbor(
      encodeCbor(
        canonicalMap([
          ['fmt', 'none'],
          ['attStmt', canonicalMap([])],
        ]),
      ),
    );
    expect(decoded).toBeInstanceOf(Map);
    expect((decoded as Map<string, unknown>).get('fmt')).toBe('none');
  });
});
