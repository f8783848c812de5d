import { describe, expect, it } from 'vitest';
import { accountWireProblem, isAccountWire, isRuntimeMessage } from './guards.ts';
import { accountFromWire, accountToWire } from './otp-account-wire.ts';
import type { OtpAccountWire } from './views.ts';

const id = '0b6a9f0e-4a57-4a8e-9a55-3c2d6f1e2b7a';
const wire: OtpAccountWire = {
  kind: 'totp',
  issuer: 'GitHub',
  accountName: 'alice',
  secret: 'JBSWY3DPEHPK3PXP',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  extra: { image: 'https://github.com/favicon.ico' },
};

describe('otp/* message guards', () => {
  it('accepts every well-formed message', () => {
    const good: unknown[] = [
      { name: 'otp/list', payload: {} },
      { name: 'otp/list', payload: { hostname: 'github.com', first: 12 } },
      { name: 'otp/unlock', payload: { pin: '1234' } },
      { name: 'otp/add', payload: { accounts: [wire], onDuplicate: 'ask' } },
      { name: 'otp/update', payload: { id, issuer: 'A', accountName: 'b' } },
      { name: 'otp/delete', payload: { id } },
      { name: 'otp/reorder', payload: { ids: [id] } },
      { name: 'otp/pin', payload: { id, pinned: true } },
      { name: 'otp/pin', payload: { id, pinned: false } },
      { name: 'otp/next-hotp', payload: { id } },
      { name: 'otp/scan-tab', payload: {} },
      { name: 'otp/scan-tab', payload: { tabId: 7 } },
      { name: 'otp/fill', payload: { id, tabId: 7 } },
      { name: 'otp/export', payload: { format: 'google' } },
      { name: 'otp/clock-check', payload: { url: 'https://example.com' } },
      { name: 'otp/set-clock-offset', payload: { offsetMs: -42_000 } },
    ];
    for (const message of good) expect(isRuntimeMessage(message), JSON.stringify(message)).toBe(true);
  });

  it('rejects malformed messages', () => {
    const bad: unknown[] = [
      null,
      'otp/list',
      { name: 'otp/list' },
      { name: 'otp/list', payload: { first: 0 } },
      { name: 'otp/list', payload: { first: 1.5 } },
      { name: 'otp/list', payload: { first: '12' } },
      { name: 'otp/nope', payload: {} },
      { name: 'otp/add', payload: { accounts: [wire], onDuplicate: 'merge' } },
      { name: 'otp/add', payload: { accounts: [{ ...wire, secret: 'not base32' }], onDuplicate: 'ask' } },
      { name: 'otp/add', payload: { accounts: [{ ...wire, digits: 9 }], onDuplicate: 'ask' } },
      { name: 'otp/add', payload: { accounts: [{ ...wire, algorithm: 'MD5' }], onDuplicate: 'ask' } },
      { name: 'otp/add', payload: { accounts: [{ ...wire, counter: -1 }], onDuplicate: 'ask' } },
      { name: 'otp/add', payload: { accounts: [{ ...wire, extra: { a: 1 } }], onDuplicate: 'ask' } },
      { name: 'otp/add', payload: { accounts: 'all', onDuplicate: 'ask' } },
      { name: 'otp/delete', payload: { id: 'x' } },
      { name: 'otp/reorder', payload: { ids: [id, 3] } },
      { name: 'otp/pin', payload: { id } },
      { name: 'otp/pin', payload: { id: 'x', pinned: true } },
      { name: 'otp/pin', payload: { id, pinned: 'yes' } },
      { name: 'otp/fill', payload: { id, tabId: -1 } },
      { name: 'otp/export', payload: { format: 'csv' } },
      { name: 'otp/set-clock-offset', payload: { offsetMs: 1e12 } },
      { name: 'otp/set-clock-offset', payload: { offsetMs: 1.5 } },
    ];
    for (const message of bad) expect(isRuntimeMessage(message), JSON.stringify(message)).toBe(false);
  });

  it('round-trips an account through its wire form', () => {
    expect(isAccountWire(wire)).toBe(true);
    const account = accountFromWire(wire);
    expect(account.secret).toBeInstanceOf(Uint8Array);
    expect(accountToWire(account)).toEqual(wire);
  });
});

describe('why an account cannot be stored', () => {
  it('names the field, for each entry on its own', () => {
    expect(accountWireProblem(wire)).toBeNull();
    expect(accountWireProblem({ ...wire, issuer: 'x'.repeat(1025) })).toMatch(/issuer or account name/);
    expect(accountWireProblem({ ...wire, secret: '' })).toMatch(/secret/);
    expect(accountWireProblem({ ...wire, digits: 9 })).toMatch(/5 to 8 digits/);
    expect(accountWireProblem({ ...wire, algorithm: 'MD5' })).toMatch(/algorithm/);
    expect(accountWireProblem({ ...wire, extra: { a: 1 } })).toMatch(/extra parameters/);
  });
});
