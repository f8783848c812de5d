/** The Approve decision from what the user picked and typed, or what is still missing. */

import { t } from '../../src/i18n/messages.ts';
import type { AccountChooser } from './account-chooser.ts';
import type { Decision } from './answer.ts';
import type { PinField } from './pin-field.ts';

type Approval = Extract<Decision, { type: 'approve' }>;

export function approval(
  chooser: AccountChooser | undefined,
  pin: PinField | undefined,
): { decision: Approval } | { error: string } {
  const decision: Approval = { type: 'approve' };
  if (chooser) {
    const credentialId = chooser.picked();
    if (!credentialId) return { error: t('prompt_chooseAccountFirst') };
    decision.credentialId = credentialId;
  }
  if (pin) {
    const entered = pin.read();
    if ('error' in entered) return entered;
    decision.pin = entered.pin;
  }
  return { decision };
}
