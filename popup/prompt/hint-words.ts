/** The site's WebAuthn L3 §5.8.7 hints in plain words, for the prompt. */
import type { PromptView } from '../../src/messages/views.ts';

type Hint = NonNullable<PromptView['hints']>[number];

const WORDS: Record<Hint, string> = {
  'security-key': 'a security key',
  'client-device': 'a passkey on this device',
  hybrid: 'a phone or tablet',
};

/**
 * "The site prefers a security key, then a phone or tablet." (most preferred first), or undefined
 * when the site gave no hints.
 */
export function hintSentence(hints: readonly Hint[]): string | undefined {
  if (hints.length === 0) return undefined;
  return `The site prefers ${hints.map((h) => WORDS[h]).join(', then ')}.`;
}
