import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { accountFields } from '../totp/account-fields.ts';
import { testAccount } from '../totp/testing/fixtures.ts';
import { BACKUP_FORMAT, BackupError, openBackup, readBackupHeader, sealBackup } from './backup-file.ts';
import type { BackupPayload } from './backup-payload.ts';
import { restoredCounter } from './restored-counter.ts';

const FIXTURES = join(import.meta.dirname, '../../test/fixtures/backup');
/** Small scrypt cost for tests only; the parameters travel in the file, so readers accept any valid N. */
const FAST = { N: 2 ** 14, r: 8, p: 1 };
const PASSPHRASE = 'correct horse battery staple';

const payload: BackupPayload = {
  passkeys: [
    {
      credentialId: 'AQID',
      rpId: 'example.com',
      rpName: 'Example',
      userHandle: 'dXNlci0x',
      userName: 'alice@example.com',
      userDisplayName: 'Alice',
      discoverable: true,
      alg: -7,
      signCount: 4,
      createdAt: 1_790_000_000_000,
      lastUsedAt: null,
      privateKey: 'q6urq6urq6urq6urq6urq6urq6urq6urq6urq6urq6s',
      publicKeyCose: 'AQ',
    },
  ],
  accounts: [
    {
      // The Key Uri Format wiki's example secret ("Hello!" then 0xdeadbeef).
      ...accountFields(testAccount({ issuer: 'Example', accountName: 'alice', secret: new Uint8Array() })),
      secret: 'JBSWY3DPEHPK3PXP',
      order: 0,
      createdAt: 1_790_000_000_000,
      // Version 1 files from before sites were kept have none; they read as [].
      sites: [],
      // Nor pins: they read as not pinned.
      pinned: false,
    },
  ],
  settings: { bypassOrigins: ['https://bank.example'] },
};

async function expectReason(promise: Promise<unknown>, reason: BackupError['reason']) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BackupError);
  expect((error as BackupError).reason).toBe(reason);
}

describe('Tapkey backup file', () => {
  it('round trips, and says when it was made', async () => {
    const now = new Date('2026-11-29T12:00:00Z');
    const text = await sealBackup(payload, PASSPHRASE, { scrypt: FAST, now });
    expect(readBackupHeader(text)).toMatchObject({
      format: BACKUP_FORMAT,
      version: 1,
      createdAt: now.toISOString(),
    });
    const opened = await openBackup(text, PASSPHRASE);
    expect(opened.payload).toEqual(payload);
    // No secret appears in the file's text.
    expect(text).not.toContain('JBSWY3DPEHPK3PXP');
    expect(text).not.toContain('q6urq6ur');
  });

  it('opens the version 1 fixture (test/fixtures/backup/v1.tapkey-backup)', async () => {
    const text = readFileSync(join(FIXTURES, 'v1.tapkey-backup'), 'utf8');
    const { header, payload: read } = await openBackup(text, PASSPHRASE);
    expect(header.kdf).toMatchObject({ name: 'scrypt', N: 2 ** 14, r: 8, p: 1 });
    expect(read).toEqual(payload);
  });

  it('a wrong passphrase is told apart from a damaged file', async () => {
    const text = await sealBackup(payload, PASSPHRASE, { scrypt: FAST });
    await expectReason(openBackup(text, 'not the passphrase'), 'wrong-passphrase');
    const file = JSON.parse(text);
    const bytes = Buffer.from(file.ciphertext, 'base64url');
    bytes[10]! ^= 1;
    await expectReason(
      openBackup(JSON.stringify({ ...file, ciphertext: bytes.toString('base64url') }), PASSPHRASE),
      'damaged',
    );
    // A changed header field (here the date) fails like changed ciphertext: it is authenticated.
    await expectReason(
      openBackup(JSON.stringify({ ...file, createdAt: '2020-01-01T00:00:00.000Z' }), PASSPHRASE),
      'damaged',
    );
    await expectReason(
      openBackup(JSON.stringify({ ...file, ciphertext: file.ciphertext.slice(0, -4) }), PASSPHRASE),
      'damaged',
    );
  });

  it('a truncated file, a foreign file, a newer version and absurd parameters are refused', async () => {
    const text = await sealBackup(payload, PASSPHRASE, { scrypt: FAST });
    await expectReason(openBackup(text.slice(0, text.length / 2), PASSPHRASE), 'damaged');
    await expectReason(openBackup('{"db": {}}', PASSPHRASE), 'not-a-backup');
    await expectReason(openBackup('otpauth://totp/x?secret=AAAA', PASSPHRASE), 'not-a-backup');
    const file = JSON.parse(text);
    await expectReason(openBackup(JSON.stringify({ ...file, version: 2 }), PASSPHRASE), 'newer-version');
    await expectReason(
      openBackup(JSON.stringify({ ...file, kdf: { ...file.kdf, N: 2 ** 30 } }), PASSPHRASE),
      'damaged',
    );
    await expectReason(
      openBackup(JSON.stringify({ ...file, kdf: { ...file.kdf, N: 1000 } }), PASSPHRASE),
      'damaged',
    );
  });

  it('refuses a short passphrase', async () => {
    await expectReason(sealBackup(payload, 'short', { scrypt: FAST }), 'weak-passphrase');
  });
});

describe('restored counters', () => {
  const now = Date.UTC(2026, 10, 29);
  const floor = Math.floor((now - Date.UTC(2020, 0, 1)) / 1000);

  it('move past any value the old profile could have used since the backup', () => {
    expect(restoredCounter(4, undefined, now)).toBe(floor);
    // Someone who signed in 10,000 times since an hour-old backup is still behind the floor a day later.
    expect(restoredCounter(4, undefined, now + 86_400_000)).toBeGreaterThan(4 + 10_000);
  });

  it('a higher counter (kept here or in the backup) moves up by one', () => {
    expect(restoredCounter(floor + 50, undefined, now)).toBe(floor + 51);
    expect(restoredCounter(4, floor + 70, now)).toBe(floor + 71);
  });

  it('never passes 2^32 − 1', () => {
    expect(restoredCounter(0xffff_ffff, undefined, now)).toBe(0xffff_ffff);
  });
});
