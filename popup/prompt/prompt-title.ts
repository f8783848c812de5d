import { t } from '../../src/i18n/messages.ts';
import type { PromptView } from '../../src/messages/views.ts';
import { host } from '../format.ts';
import { clip } from './page-names.ts';

/** "localhost wants to create a passkey for alice": who asks, for what. */
export function promptTitle(p: PromptView): string {
  const site = host(p.origin);
  if (p.kind === 'create') {
    if (p.excluded) return t('prompt_titleExcluded', site);
    return p.user ? t('prompt_titleCreateFor', site, clip(p.user.name)) : t('prompt_titleCreate', site);
  }
  if (p.candidates.length === 0) return t('prompt_titleSignIn', site);
  return t('prompt_titleSignInPasskey', site);
}
