import { describe, expect, it } from 'vitest';
import { decodeBase32, encodeBase32 } from './base32.ts';

const ascii = (s: string) => new TextEncoder().encode(s);

describe('base32', () => {
  // RFC 4648 §10 test vectors.
  const rfc: [string, string][] = [
    ['', ''],
    ['f', 'MY======'],
    ['fo', 'MZXQ===='],
    ['foo', 'MZXW6==='],
    ['foob', 'MZXW6YQ='],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI======'],
  ];

  it.each(rfc)('encodes %j as %s (RFC 4648 §10)', (plain, encoded) => {
    expect(encodeBase32(ascii(plain), { padding: true })).toBe(encoded);
    expect(encodeBase32(ascii(plain))).toBe(encoded.replace(/=+$/, ''));
  });

  it.each(rfc.filter(([p]) => p !== ''))('decodes %j from %s, padded or not', (plain, encoded) => {
    expect(decodeBase32(encoded)).toEqual(ascii(plain));
    expect(decodeBase32(encoded.replace(/=+$/, ''))).toEqual(ascii(plain));
  });

  it('decodes the Key Uri Format example secret', () => {
    expect(decodeBase32('JBSWY3DPEHPK3PXP')).toEqual(
      new Uint8Array([0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef]),
    );
  });

  it('tolerates lower case, spaces, tabs, hyphens and padding', () => {
    const expected = decodeBase32('JBSWY3DPEHPK3PXP');
    expect(decodeBase32('jbsw y3dp ehpk 3pxp')).toEqual(expected);
    expect(decodeBase32('JBSW-Y3DP-EHPK-3PXP')).toEqual(expected);
    expect(decodeBase32(' jbswY3dp\tEHPK3pxp\n')).toEqual(expected);
    expect(decodeBase32('MZXW6===')).toEqual(ascii('foo'));
  });

  it('round-trips random bytes of every length', () => {
    for (let length = 1; length < 70; length++) {
      const bytes = crypto.getRandomValues(new Uint8Array(length));
      expect(decodeBase32(encodeBase32(bytes))).toEqual(bytes);
      expect(decodeBase32(encodeBase32(bytes, { padding: true }).toLowerCase())).toEqual(bytes);
    }
  });

  it('rejects characters outside the alphabet, naming them', () => {
    expect(() => decodeBase32('JBSWY3DPEHPK3PX1')).toThrow(
      new TypeError("secret contains '1', which is not a base32 character (A–Z, 2–7)"),
    );
    expect(() => decodeBase32('JBSWY3DPEHPK3PX0')).toThrow(/'0'/);
    expect(() => decodeBase32('JBSWY3DP_HPK3PXP')).toThrow(/'_'/);
    expect(() => decodeBase32('JBSWY3DP', 'info.secret')).not.toThrow();
    expect(() => decodeBase32('JBSWY3D!', 'info.secret')).toThrow(/^info\.secret contains '!'/);
  });

  it('rejects padding in the middle', () => {
    expect(() => decodeBase32('MY==MZXQ')).toThrow(new TypeError("secret has '=' padding before its end"));
  });

  it('rejects empty input', () => {
    expect(() => decodeBase32('')).toThrow(new TypeError('secret is empty'));
    expect(() => decodeBase32(' = ')).toThrow(new TypeError('secret is empty'));
  });

  it.each(['A', 'ABC', 'ABCDEF', 'ABCDEFGHA'])('rejects the impossible length of %s', (text) => {
    expect(() => decodeBase32(text)).toThrow(
      new RegExp(`^secret has ${text.length} base32 characters, a length no byte string encodes to`),
    );
  });
});
