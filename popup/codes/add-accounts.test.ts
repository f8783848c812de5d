/**
 * The summary after adding accounts, put together from catalogue sentences: the parts keep their
 * places (the skipped count after the summary it extends), and singular and plural are the language's.
 */
import '../../test/fakes/browser-global.ts';
import { describe, expect, it } from 'vitest';
import { summary } from './add-accounts.ts';

describe('summary', () => {
  it('says what was added, replaced and skipped, then each entry left out on its own line', () => {
    const issue = { where: 'line 1', message: 'not an otpauth:// link' };
    expect(summary({ added: 1, replaced: 0, skipped: 0, rejected: [] }, [issue])).toBe(
      'Added 1 account; 1 skipped:\nline 1: not an otpauth:// link.',
    );
    expect(summary({ added: 3, replaced: 2, skipped: 1, rejected: [] })).toBe(
      'Added 3 accounts, replaced 2; 1 skipped.',
    );
  });
});
