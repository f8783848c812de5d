/**
 * What the request does besides signing, in words (WebAuthn L3 §10.1.4 prf, §10.1.5 largeBlob), so
 * the person approving knows a site also derives a secret from the passkey or stores data with it.
 * Never a value: the prompt only learns which extensions run.
 */

import { type MessageKey, t } from '../../src/i18n/messages.ts';
import type { PromptView } from '../../src/messages/views.ts';
import { h } from '../dom.ts';

const SENTENCES: Record<NonNullable<PromptView['extensions']>[number], MessageKey> = {
  prf: 'prompt_extPrf',
  'largeBlob-store': 'prompt_extLargeBlobStore',
  'largeBlob-read': 'prompt_extLargeBlobRead',
  'largeBlob-write': 'prompt_extLargeBlobWrite',
};

export function extensionNote(p: PromptView): HTMLElement | null {
  const extensions = p.extensions ?? [];
  if (extensions.length === 0) return null;
  return h(
    'ul',
    { className: 'note extensions', id: 'prompt-extensions' },
    ...extensions.map((e) => h('li', {}, t(SENTENCES[e]))),
  );
}
