/**
 * What protects the passkeys, said plainly where they are listed: without a PIN only the browser
 * profile does; without a recent backup, a lost profile loses them. Each says what to do about it.
 */
import type { SettingsView } from '../../src/messages/views.ts';
import { h } from '../dom.ts';
import { plural } from '../format.ts';

export function protectionNotice(s: SettingsView, openSettings: () => void): HTMLElement | null {
  const lines: string[] = [];
  if (!s.pinSet)
    lines.push('Only your browser profile protects these passkeys and codes. Set a PIN to encrypt them.');
  if (s.passkeyCount > 0 && s.passkeysSinceBackup > 0) {
    lines.push(
      s.lastBackupAt === null
        ? 'They are not backed up yet.'
        : `${plural(s.passkeysSinceBackup, 'passkey')} added since your last backup.`,
    );
  }
  if (lines.length === 0) return null;
  return h(
    'div',
    { className: 'notice', role: 'note', id: 'protection-notice' },
    h('p', { className: 'warning' }, lines.join(' ')),
    h('button', { type: 'button', className: 'secondary small', onclick: openSettings }, 'Open Settings'),
  );
}
