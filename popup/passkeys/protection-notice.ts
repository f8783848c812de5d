/**
 * What protects the passkeys, said plainly where they are listed: without a PIN only the browser
 * profile does; without a recent backup, a lost profile loses them. Each says what to do about it.
 */

import { t, tn } from '../../src/i18n/messages.ts';
import type { SettingsView } from '../../src/messages/views.ts';
import { h } from '../dom.ts';

export function protectionNotice(s: SettingsView, openSettings: () => void): HTMLElement | null {
  const lines: string[] = [];
  if (!s.pinSet) lines.push(t('notice_noPin'));
  if (s.passkeyCount > 0 && s.passkeysSinceBackup > 0) {
    lines.push(
      s.lastBackupAt === null
        ? t('notice_notBackedUp')
        : t('notice_sinceBackup', tn('count_passkeys', s.passkeysSinceBackup)),
    );
  }
  if (lines.length === 0) return null;
  return h(
    'div',
    { className: 'notice', role: 'note', id: 'protection-notice' },
    h('p', { className: 'warning' }, lines.join(' ')),
    h(
      'button',
      { type: 'button', className: 'secondary small', onclick: openSettings },
      t('notice_openSettings'),
    ),
  );
}
