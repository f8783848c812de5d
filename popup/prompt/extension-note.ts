/**
 * What the request does besides signing, in words (WebAuthn L3 §10.1.4 prf, §10.1.5 largeBlob), so
 * the person approving knows a site also derives a secret from the passkey or stores data with it.
 * Never a value: the prompt only learns which extensions run.
 */
import type { PromptView } from '../../src/messages/views.ts';
import { h } from '../dom.ts';

const SENTENCES: Record<NonNullable<PromptView['extensions']>[number], string> = {
  prf: 'The site also gets a secret derived from this passkey (PRF), for example to encrypt your data.',
  'largeBlob-store': 'The passkey can keep a small file for the site (large blob).',
  'largeBlob-read': 'The site also reads the small file it keeps with this passkey (large blob).',
  'largeBlob-write': 'The site also replaces the small file it keeps with this passkey (large blob).',
};

export function extensionNote(p: PromptView): HTMLElement | null {
  const extensions = p.extensions ?? [];
  if (extensions.length === 0) return null;
  return h(
    'ul',
    { className: 'note extensions', id: 'prompt-extensions' },
    ...extensions.map((e) => h('li', {}, SENTENCES[e])),
  );
}
