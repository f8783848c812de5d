import { describe, expect, it } from 'vitest';
import { accountCode, accountCodePair } from './account-code.ts';
import { testAccount } from './testing/fixtures.ts';
import type { OtpAccount } from './types.ts';

const secret = new TextEncoder().encode('12345678901234567890');
const base = testAccount({ issuer: 'RFC', accountName: 'test', secret, digits: 8 });

describe('accountCode', () => {
  it('gives TOTP codes by time (RFC 6238 Appendix B, 59 s)', async () => {
    expect(await accountCode(base, 59_000)).toEqual({ code: '94287082', counter: 1, remainingMs: 1000 });
  });

  it('gives HOTP codes by counter, with no expiry (RFC 4226 Appendix D)', async () => {
    const account: OtpAccount = { ...base, kind: 'hotp', digits: 6, counter: 5 };
    expect(await accountCode(account, 0)).toEqual({ code: '254676', counter: 5, remainingMs: null });
    expect(await accountCodePair(account, 0)).toEqual({
      current: { code: '254676', counter: 5, remainingMs: null },
      next: { code: '287922', counter: 6, remainingMs: null },
    });
  });

  it('gives TOTP pairs of consecutive steps', async () => {
    const pair = await accountCodePair({ ...base, digits: 6 }, 45_000);
    expect(pair.current).toEqual({ code: '287082', counter: 1, remainingMs: 15_000 });
    expect(pair.next).toEqual({ code: '359152', counter: 2, remainingMs: 45_000 });
  });

  it('computes 1,000 accounts quickly (cached HMAC keys)', async () => {
    const accounts = Array.from({ length: 1000 }, (_, i) => ({
      ...base,
      secret: Uint8Array.from({ length: 20 }, (_, j) => (i * 31 + j) & 0xff),
    }));
    await Promise.all(accounts.map((a) => accountCode(a, 0)));
    const start = performance.now();
    const codes = await Promise.all(accounts.map((a) => accountCode(a, 1_700_000_000_000)));
    const elapsed = performance.now() - start;
    expect(codes).toHaveLength(1000);
    // Generous bound for slow CI; typically well under 100 ms.
    expect(elapsed).toBeLessThan(1000);
  });
});
