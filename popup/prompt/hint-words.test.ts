import { describe, expect, it } from 'vitest';
import { hintSentence } from './hint-words.ts';

describe('hints in plain words', () => {
  it('says them most preferred first, and nothing without hints', () => {
    expect(hintSentence(['security-key'])).toBe('The site prefers a security key.');
    expect(hintSentence(['hybrid', 'security-key'])).toBe(
      'The site prefers a phone or tablet, then a security key.',
    );
    expect(hintSentence(['client-device'])).toBe('The site prefers a passkey on this device.');
    expect(hintSentence([])).toBeUndefined();
  });
});
