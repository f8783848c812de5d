/** Issue 4: the cost of 1,000 accounts' codes in Node (src/totp), first call and steady state. */
import { randomBytes, randomInt } from 'node:crypto';
import { accountCode, OTP_ALGORITHMS, type OtpAccount } from '../../src/totp/index.ts';

export interface CodesRun {
  accounts: number;
  /** First refresh of every account, HMAC key import included (ms). */
  first: number;
  /** One second's refresh once keys are cached (ms per refresh of all accounts). */
  steady: number[];
}

export function randomAccounts(count: number): OtpAccount[] {
  return Array.from({ length: count }, (_, i) => {
    const algorithm = OTP_ALGORITHMS[i % OTP_ALGORITHMS.length]!;
    return {
      kind: 'totp',
      issuer: `Issuer ${i}`,
      accountName: `user${i}@example.com`,
      secret: new Uint8Array(randomBytes(algorithm === 'SHA1' ? 20 : algorithm === 'SHA256' ? 32 : 64)),
      algorithm,
      digits: 6 + randomInt(3),
      period: i % 10 === 0 ? 60 : 30,
      counter: 0,
      extra: {},
    } satisfies OtpAccount;
  });
}

async function refresh(accounts: readonly OtpAccount[], now: number): Promise<void> {
  await Promise.all(accounts.map((a) => accountCode(a, now)));
}

export async function runCodes(options: { accounts: number; iterations: number }): Promise<CodesRun> {
  const accounts = randomAccounts(options.accounts);
  const t0 = performance.now();
  await refresh(accounts, Date.now());
  const first = performance.now() - t0;
  const steady: number[] = [];
  for (let i = 0; i < options.iterations + 3; i++) {
    const start = performance.now();
    await refresh(accounts, Date.now() + i * 1000);
    if (i >= 3) steady.push(performance.now() - start);
  }
  return { accounts: options.accounts, first, steady };
}
