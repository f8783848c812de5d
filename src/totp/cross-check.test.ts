/**
 * Cross-checks against two independent implementations: the `otpauth` npm package (dev dependency,
 * used only here) and OATH Toolkit's `oathtool` (Debian package `oathtool`).
 */
import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { HOTP, Secret, TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { accountCode } from './account-code.ts';
import { decodeBase32, encodeBase32 } from './base32.ts';
import { hotp } from './hotp.ts';
import { totp } from './totp.ts';
import type { OtpAlgorithm } from './types.ts';

const ALGORITHMS: OtpAlgorithm[] = ['SHA1', 'SHA256', 'SHA512'];
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** Deterministic pseudo-random numbers, so that a failure can be reproduced. */
function* random(seed: number): Generator<number> {
  let state = seed >>> 0;
  for (;;) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    yield state / 2 ** 32;
  }
}

function randomSecret(next: () => number): Uint8Array {
  const length = 10 + Math.floor(next() * 55); // 10–64 bytes, as real secrets range
  return Uint8Array.from({ length }, () => Math.floor(next() * 256));
}

describe('cross-check with the otpauth package', () => {
  it('agrees on TOTP for random secrets × algorithms × digits × periods × times', async () => {
    const rng = random(6238);
    const next = () => rng.next().value as number;
    let checked = 0;
    for (let round = 0; round < 12; round++) {
      const secret = randomSecret(next);
      for (const algorithm of ALGORITHMS) {
        for (const digits of [6, 7, 8]) {
          for (const period of [30, 60]) {
            const timestamp = Math.floor(next() * 20_000_000_000_000);
            const reference = new TOTP({
              secret: new Secret({ buffer: new Uint8Array(secret).buffer }),
              algorithm,
              digits,
              period,
            });
            const ours = await totp({ secret, algorithm, digits, period, timestamp });
            expect(ours.code, `${algorithm}/${digits}/${period}s at ${timestamp}`).toBe(
              reference.generate({ timestamp }),
            );
            expect(ours.counter).toBe(TOTP.counter({ period, timestamp }));
            expect(ours.remainingMs).toBe(TOTP.remaining({ period, timestamp }));
            checked++;
          }
        }
      }
    }
    expect(checked).toBe(12 * 3 * 3 * 2);
  });

  it('agrees on HOTP for random secrets and counters', async () => {
    const rng = random(4226);
    const next = () => rng.next().value as number;
    for (let round = 0; round < 30; round++) {
      const secret = randomSecret(next);
      const algorithm = ALGORITHMS[round % 3]!;
      const digits = 6 + (round % 3);
      const counter = Math.floor(next() * 2 ** 40);
      const reference = new HOTP({
        secret: new Secret({ buffer: new Uint8Array(secret).buffer }),
        algorithm,
        digits,
      });
      expect(await hotp({ secret, counter, algorithm, digits })).toBe(reference.generate({ counter }));
    }
  });
});

const oathtool = spawnSync('oathtool', ['--version'], { encoding: 'utf8' });
const hasOathtool = oathtool.status === 0;

describe('cross-check with oathtool', () => {
  it.skipIf(!hasOathtool)(
    'agrees on TOTP (skipped when oathtool is not installed: apt-get install oathtool)',
    async () => {
      const rng = random(1);
      const next = () => rng.next().value as number;
      for (let round = 0; round < 18; round++) {
        const secret = randomSecret(next);
        const algorithm = ALGORITHMS[round % 3]!;
        const digits = 6 + (Math.floor(round / 3) % 3);
        const period = round % 2 === 0 ? 30 : 60;
        const seconds = Math.floor(next() * 4_000_000_000);
        const out = spawnSync(
          'oathtool',
          [`--totp=${algorithm}`, '-d', String(digits), '-s', `${period}s`, '-N', `@${seconds}`, hex(secret)],
          { encoding: 'utf8' },
        );
        expect(out.status, out.stderr).toBe(0);
        const ours = await totp({ secret, algorithm, digits, period, timestamp: seconds * 1000 });
        expect(ours.code, `${algorithm}/${digits}/${period}s at ${seconds}`).toBe(out.stdout.trim());
      }
    },
  );

  it.skipIf(!hasOathtool)('agrees on HOTP with a base32 key', async () => {
    const secret = decodeBase32('JBSWY3DPEHPK3PXP');
    for (const counter of [0, 1, 99, 123456789]) {
      const out = spawnSync('oathtool', ['--hotp', '-b', '-c', String(counter), encodeBase32(secret)], {
        encoding: 'utf8',
      });
      expect(await hotp({ secret, counter })).toBe(out.stdout.trim());
    }
  });
});

describe('Steam Guard', () => {
  /** Independent implementation with node:crypto, following Aegis' OTP.java / SteamDesktopAuthenticator. */
  function steamReference(secret: Uint8Array, seconds: number): string {
    const message = Buffer.alloc(8);
    message.writeBigUInt64BE(BigInt(Math.floor(seconds / 30)));
    const mac = createHmac('sha1', secret).update(message).digest();
    const offset = mac[19]! & 0x0f;
    let value = mac.readUInt32BE(offset) & 0x7fffffff;
    const chars = '23456789BCDFGHJKMNPQRTVWXY';
    let code = '';
    for (let i = 0; i < 5; i++) {
      code += chars[value % 26];
      value = Math.floor(value / 26);
    }
    return code;
  }

  it('matches an independent implementation', async () => {
    const rng = random(30);
    const next = () => rng.next().value as number;
    for (let round = 0; round < 50; round++) {
      const secret = randomSecret(next);
      const seconds = Math.floor(next() * 4_000_000_000);
      const ours = await totp({ kind: 'steam', secret, timestamp: seconds * 1000 });
      expect(ours.code).toBe(steamReference(secret, seconds));
      expect(ours.code).toMatch(/^[23456789BCDFGHJKMNPQRTVWXY]{5}$/);
    }
  });

  it('gives the known code for the RFC 4226 key at counter 1', async () => {
    // HOTP truncated value at counter 1 is 1094287082 (RFC 4226 Appendix D); in base 26, least
    // significant digit first, it is 18, 22, 7, 16, 2, … → characters P, V, 9, M, 4.
    const secret = new TextEncoder().encode('12345678901234567890');
    const result = await totp({ kind: 'steam', secret, timestamp: 59_000 });
    expect(result).toEqual({ code: 'PV9M4', counter: 1, remainingMs: 1000 });
  });

  it('is what accountCode gives for a steam account', async () => {
    const secret = decodeBase32('JRZCL47CMXVOQMNPZR2F7J4RGI');
    const account = {
      kind: 'steam' as const,
      issuer: 'Steam',
      accountName: 'x',
      secret,
      algorithm: 'SHA1' as const,
      digits: 5,
      period: 30,
      counter: 0,
      extra: {},
    };
    expect((await accountCode(account, 1_700_000_000_000)).code).toBe(steamReference(secret, 1_700_000_000));
  });
});
