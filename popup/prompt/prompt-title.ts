import type { PromptView } from '../../src/messages/views.ts';
import { host } from '../format.ts';
import { clip } from './page-names.ts';

/** "localhost wants to create a passkey for alice": who asks, for what. */
export function promptTitle(p: PromptView): string {
  const site = host(p.origin);
  if (p.kind === 'create') {
    if (p.excluded) return `${site}: this key is already registered`;
    return `${site} wants to create a passkey${p.user ? ` for ${clip(p.user.name)}` : ''}`;
  }
  if (p.candidates.length === 0) return `${site} wants you to sign in`;
  return `${site} wants you to sign in with a passkey`;
}
