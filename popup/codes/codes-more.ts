/** The folded sections under the list: backup (export and import) and the clock check. */
import { h } from '../dom.ts';
import { type BackupHost, renderBackup } from './backup/backup-view.ts';
import { type ClockHost, renderClock } from './clock-view.ts';

export function codesMore(backupHost: BackupHost, clockHost: ClockHost): HTMLElement {
  const backup = h('div', {});
  const clock = h('div', {});
  const more = h(
    'div',
    { className: 'codes-more' },
    h('details', { id: 'backup-details' }, h('summary', {}, 'Backup: export and import'), backup),
    h('details', { id: 'clock-details' }, h('summary', {}, 'Clock'), clock),
  );
  renderBackup(backup, backupHost);
  renderClock(clock, clockHost);
  return more;
}
