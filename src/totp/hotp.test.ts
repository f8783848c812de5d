import { describe, expect, it } from 'vitest';
import vectors from '../../test/fixtures/totp/rfc4226-vectors.json' with { type: 'json' };
import { checkDigits, hotp, hotpTruncated, toCounter } from './hotp.ts';

const secret = new TextEncoder().encode(vectors.secretAscii);

describe('hotp (RFC 4226)', () => {
  it('fixture names its source', () => {
    expect(vectors.source).toMatch(/RFC 4226 Appendix D/);
    expect(vectors.vectors).toHaveLength(10);
  });

  it.each(vectors.vectors)('counter $counter gives $hotp', async (v) => {
    expect(await hotpTruncated({ secret, counter: v.counter })).toBe(v.truncatedDecimal);
    expect(await hotp({ secret, counter: v.counter })).toBe(v.hotp);
    expect(await hotp({ secret, counter: BigInt(v.counter), algorithm: 'SHA1', digits: 6 })).toBe(v.hotp);
  });

  it('pads with leading zeros and honours 7 and 8 digits', async () => {
    // Truncated value at counter 7 is 82162583 (Appendix D).
    expect(await hotp({ secret, counter: 7, digits: 8 })).toBe('82162583');
    expect(await hotp({ secret, counter: 7, digits: 7 })).toBe('2162583');
    expect(await hotp({ secret, counter: 2, digits: 8 })).toBe('37359152');
  });

  it('writes the counter as 64-bit big-endian (values above 2^32 and 2^53)', async () => {
    const { createHmac } = await import('node:crypto');
    for (const counter of [2n ** 32n + 5n, 2n ** 53n + 1n, 2n ** 64n - 1n]) {
      const message = Buffer.alloc(8);
      message.writeBigUInt64BE(counter);
      const mac = createHmac('sha1', secret).update(message).digest();
      const offset = mac[19]! & 15;
      const expected = mac.readUInt32BE(offset) & 0x7fffffff;
      expect(await hotpTruncated({ secret, counter })).toBe(expected);
    }
  });

  it('rejects bad counters with a message', () => {
    expect(() => toCounter(-1)).toThrow(/counter is -1; expected a whole number/);
    expect(() => toCounter(1.5)).toThrow(/counter is 1.5/);
    expect(() => toCounter(2 ** 53)).toThrow(/2\^53/);
    expect(() => toCounter(2n ** 64n)).toThrow(/expected 0 to 2\^64 − 1/);
    expect(toCounter(2n ** 64n - 1n)).toBe(2n ** 64n - 1n);
  });

  it('rejects digits other than 6–8', async () => {
    for (const digits of [0, 5, 9, 10, 6.5]) {
      expect(() => checkDigits(digits)).toThrow(new TypeError(`digits is ${digits}; expected 6, 7 or 8`));
      await expect(hotp({ secret, counter: 0, digits })).rejects.toThrow(/digits is/);
    }
  });

  it('rejects an empty secret', async () => {
    await expect(hotp({ secret: new Uint8Array(0), counter: 0 })).rejects.toThrow(/secret is empty/);
  });
});
