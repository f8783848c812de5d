/** Test support for the CXF module: fixture files, sample passkeys and accounts, fixed randomness. Node only. */
import { readFileSync } from 'node:fs';
import { fromHex } from '../../../shared/bytes.ts';
import type { OtpAccount } from '../../../totp/types.ts';
import type { CxfPasskeyInput } from '../types.ts';

/** A file of test/fixtures/cxf, as text. */
export function readCxfFixture(name: string): string {
  return readFileSync(new URL(`../../../../test/fixtures/cxf/${name}`, import.meta.url), 'utf8');
}

/** Counts up from 1, so that ids are predictable: AQEB…, AgIC…. */
export function countingBytes(): (length: number) => Uint8Array {
  let n = 0;
  return (length) => new Uint8Array(length).fill(++n);
}

/** An ES256 passkey with fixed bytes, counter 0, unless changed. */
export function samplePasskey(fields: Partial<CxfPasskeyInput> = {}): CxfPasskeyInput {
  return {
    credentialId: fromHex('00112233445566778899aabbccddeeff'),
    rpId: 'example.com',
    rpName: 'Example',
    userName: 'alice@example.com',
    userDisplayName: 'Alice',
    userHandle: fromHex('a1a2a3a4'),
    alg: -7,
    privateKey: fromHex('011bbfd2c0addb4129815c5be0fbaadc66b95552e9b9363be6782f665caadd7e'),
    signCount: 0,
    ...fields,
  };
}

/** A TOTP account (RFC 6238's SHA1 seed, "12345678901234567890"), unless changed. */
export function sampleAccount(fields: Partial<OtpAccount> = {}): OtpAccount {
  return {
    kind: 'totp',
    issuer: 'GitHub',
    accountName: 'alice',
    secret: new TextEncoder().encode('12345678901234567890'),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    extra: {},
    ...fields,
  };
}

/** Who exports, and when: the options every export test starts from. */
export function exportOptions(now: number) {
  return { exporterRpId: 'tapkey.example', exporterDisplayName: 'Tapkey', now: () => now };
}
