import { describe, expect, it } from 'vitest';
import { clip } from './page-names.ts';

describe('clip', () => {
  it('leaves names of up to 64 characters as they are', () => {
    const name = 'a'.repeat(64);
    expect(clip(name)).toBe(name);
  });

  it('keeps the domain of a long e-mail: 77 characters become 64, clipped in the middle', () => {
    // The account name of issue 11.
    const email = 'firstname.middlename.lastname.and-some-more-word@accounts.example-company.com';
    expect(email).toHaveLength(77);
    const shown = clip(email);
    expect([...shown]).toHaveLength(64);
    expect(shown).toBe('firstname.middlename.lastname.and-…@accounts.example-company.com');
  });

  it('clips other long names in the middle, keeping a third of the end', () => {
    const shown = clip(`${'a'.repeat(50)}${'b'.repeat(50)}`);
    expect(shown).toBe(`${'a'.repeat(42)}…${'b'.repeat(21)}`);
  });

  it('clips an e-mail whose domain is itself very long like any other name', () => {
    const shown = clip(`alice@${'d'.repeat(70)}.example`);
    expect([...shown]).toHaveLength(64);
    expect(shown.startsWith('alice@ddd')).toBe(true);
    expect(shown.endsWith('ddd.example')).toBe(true);
  });

  it('never cuts an astral character in half', () => {
    const shown = clip('🔑'.repeat(70));
    expect([...shown]).toHaveLength(64);
    expect(shown).toBe(`${'🔑'.repeat(42)}…${'🔑'.repeat(21)}`);
  });
});
