/** The site's WebAuthn L3 §5.8.7 hints in plain words, for the prompt. */

import { type MessageKey, t } from '../../src/i18n/messages.ts';
import type { PromptView } from '../../src/messages/views.ts';

type Hint = NonNullable<PromptView['hints']>[number];

const WORDS: Record<Hint, MessageKey> = {
  'security-key': 'prompt_hintSecurityKey',
  'client-device': 'prompt_hintClientDevice',
  hybrid: 'prompt_hintHybrid',
};

/**
 * "The site prefers a security key, then a phone or tablet." (most preferred first), or undefined
 * when the site gave no hints.
 */
export function hintSentence(hints: readonly Hint[]): string | undefined {
  if (hints.length === 0) return undefined;
  const [first, ...rest] = hints.map((h) => t(WORDS[h]));
  return t(
    'prompt_hints',
    rest.reduce((earlier, next) => t('prompt_hintsThen', earlier, next), first!),
  );
}
