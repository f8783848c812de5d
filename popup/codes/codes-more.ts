/** The folded sections under the list: backup (export and import) and the clock check. */

import { t } from '../../src/i18n/messages.ts';
import { h } from '../dom.ts';
import { type BackupHost, renderBackup } from './backup/backup-view.ts';
import { type ClockHost, renderClock } from './clock-view.ts';

export function codesMore(backupHost: BackupHost, clockHost: ClockHost): HTMLElement {
  const backup = h('div', {});
  const clock = h('div', {});
  const more = h(
    'div',
    { className: 'codes-more' },
    h('details', { id: 'backup-details' }, h('summary', {}, t('codes_backupSummary')), backup),
    h('details', { id: 'clock-details' }, h('summary', {}, t('codes_clock')), clock),
  );
  renderBackup(backup, backupHost);
  renderClock(clock, clockHost);
  return more;
}
