import { describe, expect, it } from 'vitest';
import fixture from '../../test/fixtures/totp/google-migration.json' with { type: 'json' };
import { decodeBase32 } from './base32.ts';
import { decodeGoogleMigration, encodeGoogleMigration } from './google-migration.ts';
import { ProtoWriter } from './protobuf.ts';
import { testAccount } from './testing/fixtures.ts';
import type { OtpAccount } from './types.ts';

function account(change: Partial<OtpAccount> = {}): OtpAccount {
  const secret = crypto.getRandomValues(new Uint8Array(20));
  return testAccount({ issuer: 'Example', accountName: 'alice', secret, ...change });
}

function uriOf(payload: Uint8Array): string {
  return `otpauth-migration://offline?data=${encodeURIComponent(btoa(String.fromCharCode(...payload)))}`;
}

describe('decodeGoogleMigration', () => {
  it('decodes the hand-built fixture', () => {
    expect(fixture.source).toMatch(/migration\.proto/);
    const result = decodeGoogleMigration(fixture.uri);
    expect(result.issues).toEqual([]);
    expect(result.batch).toEqual(fixture.expected.batch);
    expect(result.accounts).toEqual(
      fixture.expected.accounts.map(({ secretBase32, ...rest }) => ({
        ...rest,
        secret: decodeBase32(secretBase32),
        extra: {},
      })),
    );
  });

  it('accepts raw (not percent-encoded) base64, and + turned into spaces', () => {
    const raw = decodeURIComponent(fixture.uri);
    expect(decodeGoogleMigration(raw).accounts).toHaveLength(2);
    expect(decodeGoogleMigration(raw.replaceAll('+', ' ')).accounts).toHaveLength(2);
  });

  it('reports MD5 accounts clearly and keeps the others', () => {
    const md5 = new ProtoWriter()
      .bytes(1, Uint8Array.of(1, 2, 3))
      .bytes(2, 'Legacy:old')
      .varint(4, 4)
      .finish();
    const good = new ProtoWriter()
      .bytes(1, Uint8Array.of(4, 5, 6))
      .bytes(2, 'fine')
      .varint(6, 2)
      .finish();
    const result = decodeGoogleMigration(uriOf(new ProtoWriter().bytes(1, md5).bytes(1, good).finish()));
    expect(result.issues).toEqual([
      {
        where: 'account 1 (Legacy: old)',
        message: 'it uses MD5, which no OTP standard allows and Tapkey does not support',
      },
    ]);
    expect(result.accounts.map((a) => a.accountName)).toEqual(['fine']);
  });

  it.each([
    [new ProtoWriter().bytes(2, 'x').finish(), 'it has no secret'],
    [new ProtoWriter().bytes(1, Uint8Array.of(1)).varint(4, 9).finish(), 'its algorithm number is 9'],
    [new ProtoWriter().bytes(1, Uint8Array.of(1)).varint(5, 4).finish(), 'its digit count number is 4'],
    [new ProtoWriter().bytes(1, Uint8Array.of(1)).varint(6, 3).finish(), 'its type number is 3'],
    [new ProtoWriter().bytes(1, Uint8Array.of(1)).varint(6, 1).varint(7, -5).finish(), 'its counter -5'],
    [Uint8Array.of(0x12, 0x09), 'the protobuf data ends inside a field'],
  ])('reports a bad account (%#)', (bytes, message) => {
    const result = decodeGoogleMigration(uriOf(new ProtoWriter().bytes(1, bytes).finish()));
    expect(result.accounts).toEqual([]);
    expect(result.issues[0]?.message).toContain(message);
  });

  it.each([
    [
      'otpauth://totp/x?secret=AAAA',
      "a Google Authenticator export URI must start with 'otpauth-migration://'",
    ],
    ['otpauth-migration://offline', 'the export URI has no data parameter'],
    ['otpauth-migration://offline?data=', 'the export URI has no data parameter'],
    ['otpauth-migration://offline?data=%ZZ', "the export URI's data has a broken %-escape"],
    ['otpauth-migration://offline?data=ab*d', "the export URI's data is not base64"],
    ['otpauth-migration://offline?data=CgU', 'the protobuf data ends inside a field'],
  ])('rejects %s', (uri, message) => {
    expect(() => decodeGoogleMigration(uri)).toThrow(new TypeError(message));
  });
});

describe('encodeGoogleMigration', () => {
  it('round-trips accounts, including hotp, SHA256/512, 8 digits and odd names', () => {
    const accounts = [
      account(),
      account({ kind: 'hotp', counter: 12345, algorithm: 'SHA256', digits: 8 }),
      account({ algorithm: 'SHA512', issuer: 'Ünïcode Co', accountName: 'bob+tag@example.com' }),
      account({ issuer: '', accountName: 'domain:user' }),
      account({ issuer: '', accountName: '' }),
    ];
    const { uris, issues } = encodeGoogleMigration(accounts, { batchId: 42 });
    expect(issues).toEqual([]);
    expect(uris).toHaveLength(1);
    const decoded = decodeGoogleMigration(uris[0]!);
    expect(decoded.batch).toEqual({ version: 1, batchSize: 1, batchIndex: 0, batchId: 42 });
    expect(decoded.accounts).toEqual(accounts);
  });

  it('splits into batches with size, index and one id', () => {
    const accounts = Array.from({ length: 23 }, (_, i) => account({ accountName: `user${i}` }));
    const { uris } = encodeGoogleMigration(accounts);
    expect(uris).toHaveLength(3);
    const decoded = uris.map(decodeGoogleMigration);
    expect(decoded.map((d) => d.accounts.length)).toEqual([10, 10, 3]);
    expect(decoded.map((d) => d.batch.batchIndex)).toEqual([0, 1, 2]);
    expect(new Set(decoded.map((d) => d.batch.batchSize))).toEqual(new Set([3]));
    expect(new Set(decoded.map((d) => d.batch.batchId)).size).toBe(1);
    expect(decoded[0]!.batch.batchId).toBeGreaterThanOrEqual(0);
    expect(decoded.flatMap((d) => d.accounts)).toEqual(accounts);
    expect(encodeGoogleMigration(accounts, { perQr: 5 }).uris).toHaveLength(5);
  });

  it('leaves out what Google Authenticator cannot hold, saying why', () => {
    const { uris, issues } = encodeGoogleMigration([
      account({ kind: 'steam', digits: 5, issuer: 'Steam' }),
      account({ digits: 7 }),
      account({ period: 60 }),
      account({ kind: 'hotp', period: 30 }),
    ]);
    expect(issues).toEqual([
      { where: 'account 1 (Steam: alice)', message: 'Google Authenticator cannot hold Steam Guard accounts' },
      {
        where: 'account 2 (Example: alice)',
        message: 'Google Authenticator exports know 6 or 8 digits, not 7',
      },
      {
        where: 'account 3 (Example: alice)',
        message: 'Google Authenticator exports have no period; this one is 60 s, not 30',
      },
    ]);
    expect(uris).toHaveLength(1);
    expect(encodeGoogleMigration([]).uris).toEqual([]);
    expect(() => encodeGoogleMigration([], { perQr: 0 })).toThrow('perQr is 0; expected 1 or more');
  });
});
