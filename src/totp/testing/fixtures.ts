/** Test support for the one-time-code core: the fixture files and sample accounts. Node only. */
import { readFileSync } from 'node:fs';
import type { OtpAccount } from '../types.ts';

/** A file of test/fixtures/totp, as text. */
export function readFixture(name: string): string {
  return readFileSync(new URL(`../../../test/fixtures/totp/${name}`, import.meta.url), 'utf8');
}

/** What the importer tests compare of each account: every field but the secret and the extras. */
export function accountRows(accounts: readonly OtpAccount[]): unknown[][] {
  return accounts.map((a) => [a.kind, a.issuer, a.accountName, a.algorithm, a.digits, a.period, a.counter]);
}

/** A TOTP account with the Key Uri Format defaults (SHA1, 6 digits, 30 s, no extras) unless changed. */
export function testAccount(
  fields: Pick<OtpAccount, 'issuer' | 'accountName' | 'secret'> & Partial<OtpAccount>,
): OtpAccount {
  return { kind: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: 0, extra: {}, ...fields };
}

/** The account rows a plain fixture must import as, from test/fixtures/totp/expected-rows.json. */
export function expectedRows(fixture: string): unknown[][] {
  const all = JSON.parse(readFixture('expected-rows.json')) as Record<string, unknown[][]>;
  const rows = all[fixture];
  if (!rows) throw new Error(`no expected rows for ${fixture}`);
  return rows;
}
