import { describe, expect, it } from 'vitest';
import { decodeBase32 } from './base32.ts';
import { type EntryFormat, entryLabel, importEntries } from './import-entries.ts';
import type { JsonObject } from './json.ts';
import { testAccount } from './testing/fixtures.ts';

const secret = decodeBase32('JBSWY3DPEHPK3PXP');

/** Reads `{ name }` entries; `bad` ones throw their text, `odd` ones throw a non-Error. */
const format: EntryFormat = {
  noun: 'item',
  label: (entry: JsonObject) => entryLabel(entry.issuer, entry.name),
  read: (entry: JsonObject) => {
    if (typeof entry.bad === 'string') throw new TypeError(entry.bad);
    if (entry.odd) throw 42;
    return testAccount({ issuer: '', accountName: String(entry.name), secret });
  },
};

describe('importEntries', () => {
  it('keeps the good entries and reports each bad one by position and label', () => {
    const result = importEntries(
      [
        { name: 'a' },
        { issuer: 'X', name: 'b', bad: 'b is broken' },
        'text',
        { name: 'c' },
        { odd: true },
        null,
        { issuer: 'Y', bad: 'no name' },
      ],
      format,
    );
    expect(result.accounts.map((a) => a.accountName)).toEqual(['a', 'c']);
    expect(result.issues).toEqual([
      { where: 'item 2 (X: b)', message: 'b is broken' },
      { where: 'item 3', message: 'the item is a text; expected an object' },
      { where: 'item 5', message: '42' },
      { where: 'item 6', message: 'the item is a null; expected an object' },
      { where: 'item 7 (Y)', message: 'no name' },
    ]);
  });

  it('returns nothing for no entries', () => {
    expect(importEntries([], format)).toEqual({ accounts: [], issues: [] });
  });
});

describe('entryLabel', () => {
  it.each([
    ['GitHub', 'alice', 'GitHub: alice'],
    ['GitHub', '', 'GitHub'],
    ['', 'alice', 'alice'],
    [3, 'alice', 'alice'],
    ['', '', ''],
    [undefined, null, ''],
  ])('labels issuer %j and account %j as %j', (issuer, accountName, label) => {
    expect(entryLabel(issuer, accountName)).toBe(label);
  });
});
