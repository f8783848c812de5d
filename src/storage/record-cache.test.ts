/**
 * The worker's memory of credential records: valid only while no read-write transaction has been
 * counted since they were read; a read overtaken by a write is not kept; the counter's write-behind
 * keeps the cache, changed as the stored record is; the size is bounded.
 */
import { describe, expect, it } from 'vitest';
import { credentialsGeneration, credentialsWritten } from './credential-writes.ts';
import { RECORD_CACHE_LIMIT, RecordCache } from './record-cache.ts';
import type { CredentialRecord } from './schema.ts';

const record = (id: string, extra: Partial<CredentialRecord> = {}) =>
  ({
    id,
    rpId: 'example.com',
    signCount: 4,
    counterReserved: 36,
    lastUsedAt: null,
    ...extra,
  }) as CredentialRecord;

describe('the record cache', () => {
  it('serves what was read until any write is counted', () => {
    const db = {};
    const cache = new RecordCache(db);
    cache.keep([record('a'), record('b')], cache.now(), 'example.com');
    expect(cache.get('a')?.id).toBe('a');
    expect(cache.site('example.com')?.map((r) => r.id)).toEqual(['a', 'b']);
    credentialsWritten(db);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.site('example.com')).toBeUndefined();
  });

  it('does not keep a read that a write overtook', () => {
    const db = {};
    const cache = new RecordCache(db);
    const openedAt = cache.now();
    credentialsWritten(db);
    cache.keep([record('a')], openedAt);
    expect(cache.get('a')).toBeUndefined();
  });

  it('stays valid across the counter write-behind, which it applies as the store does', () => {
    const db = {};
    const cache = new RecordCache(db);
    cache.keep([record('a'), record('b')], cache.now());
    const before = credentialsGeneration(db);
    cache.writingBehind('a', 36, 5, 1_000);
    // Counted, as every read-write transaction must be.
    expect(credentialsGeneration(db)).toBe(before + 1);
    expect(cache.get('a')).toMatchObject({ signCount: 5, lastUsedAt: 1_000 });
    expect(cache.get('b')).toMatchObject({ signCount: 4 });
    // A write-behind for a block the record no longer holds changes nothing, as in the store.
    cache.writingBehind('a', 99, 6, 2_000);
    expect(cache.get('a')).toMatchObject({ signCount: 5, lastUsedAt: 1_000 });
  });

  it('is cleared by a write-behind that follows another write, not revived by it', () => {
    const db = {};
    const cache = new RecordCache(db);
    cache.keep([record('a')], cache.now());
    credentialsWritten(db);
    cache.writingBehind('a', 36, 5, 1_000);
    expect(cache.get('a')).toBeUndefined();
  });

  it('keeps at most RECORD_CACHE_LIMIT records, the oldest going first; a site missing one is read again', () => {
    const db = {};
    const cache = new RecordCache(db);
    cache.keep([record('first')], cache.now(), 'example.com');
    const many = Array.from({ length: RECORD_CACHE_LIMIT }, (_, i) =>
      record(`r${i}`, { rpId: 'other.example' }),
    );
    cache.keep(many, cache.now());
    expect(cache.get('first')).toBeUndefined();
    expect(cache.site('example.com')).toBeUndefined();
    expect(cache.get(`r${RECORD_CACHE_LIMIT - 1}`)).toBeDefined();
  });
});
