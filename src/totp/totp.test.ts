import { describe, expect, it } from 'vitest';
import vectors from '../../test/fixtures/totp/rfc6238-vectors.json' with { type: 'json' };
import { periodMs, timeStep, totp, totpPair } from './totp.ts';
import type { OtpAlgorithm } from './types.ts';

const seeds: Record<OtpAlgorithm, Uint8Array> = {
  SHA1: new TextEncoder().encode(vectors.seedsAscii.SHA1),
  SHA256: new TextEncoder().encode(vectors.seedsAscii.SHA256),
  SHA512: new TextEncoder().encode(vectors.seedsAscii.SHA512),
};

describe('totp (RFC 6238)', () => {
  it('fixture names its source and has all 18 rows', () => {
    expect(vectors.source).toMatch(/RFC 6238 Appendix B/);
    expect(vectors.vectors).toHaveLength(18);
  });

  it.each(vectors.vectors)('$time s, $algorithm gives $totp', async (v) => {
    const algorithm = v.algorithm as OtpAlgorithm;
    const result = await totp({ secret: seeds[algorithm], algorithm, digits: 8, timestamp: v.time * 1000 });
    expect(result.code).toBe(v.totp);
    expect(result.counter).toBe(Number.parseInt(v.stepHex, 16));
    expect(result.remainingMs).toBe(30_000 - ((v.time * 1000) % 30_000));
  });

  it('counts steps exactly at the boundaries', () => {
    expect(timeStep(0)).toBe(0);
    expect(timeStep(29_999)).toBe(0);
    expect(timeStep(30_000)).toBe(1);
    expect(timeStep(20_000_000_000_000)).toBe(0x27bc86aa);
    expect(timeStep(59_999, 60)).toBe(0);
    expect(timeStep(60_000, 60)).toBe(1);
    expect(timeStep(1_000.9, 1)).toBe(1);
  });

  it('reports the remaining time in the step', async () => {
    const secret = seeds.SHA1;
    expect((await totp({ secret, timestamp: 30_000 })).remainingMs).toBe(30_000);
    expect((await totp({ secret, timestamp: 59_999 })).remainingMs).toBe(1);
    expect((await totp({ secret, timestamp: 61_000, period: 60 })).remainingMs).toBe(59_000);
  });

  it('uses period 30, SHA1 and 6 digits by default', async () => {
    const result = await totp({ secret: seeds.SHA1, timestamp: 59_000 });
    expect(result.code).toBe('287082'); // = HOTP(counter 1), RFC 4226 Appendix D
  });

  it('gives the current and the next code at once', async () => {
    const pair = await totpPair({ secret: seeds.SHA1, timestamp: 50_000, digits: 8 });
    expect(pair.current).toEqual({ code: '94287082', counter: 1, remainingMs: 10_000 });
    expect(pair.next.counter).toBe(2);
    expect(pair.next.code).toBe((await totp({ secret: seeds.SHA1, timestamp: 60_000, digits: 8 })).code);
    expect(pair.next.remainingMs).toBe(40_000);
  });

  it('rejects bad periods, timestamps and digits with a message', async () => {
    expect(() => periodMs(0)).toThrow(
      new TypeError('period is 0; expected a positive whole number of seconds'),
    );
    expect(() => periodMs(-30)).toThrow(/period is -30/);
    expect(() => periodMs(1.5)).toThrow(/period is 1.5/);
    expect(() => timeStep(-1)).toThrow(/timestamp is -1/);
    expect(() => timeStep(Number.NaN)).toThrow(/timestamp is NaN/);
    await expect(totp({ secret: seeds.SHA1, timestamp: 0, digits: 9 })).rejects.toThrow(/digits is 9/);
    await expect(totp({ secret: seeds.SHA1, timestamp: 0, period: 0 })).rejects.toThrow(/period is 0/);
  });
});
