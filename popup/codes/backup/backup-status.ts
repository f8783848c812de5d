/** The backup section's two lines: what went well (a status) and what did not (an alert). */
import { h } from '../../dom.ts';

export interface BackupStatus {
  elements: [status: HTMLElement, error: HTMLElement];
  /** Shows `ok` and `bad`, clearing whichever is empty. */
  say(ok: string, bad?: string): void;
}

export function backupStatus(): BackupStatus {
  const status = h('p', { role: 'status', className: 'hint', id: 'backup-status' });
  const error = h('p', { role: 'alert', className: 'error', id: 'backup-error' });
  return {
    elements: [status, error],
    say: (ok, bad = '') => {
      status.textContent = ok;
      error.textContent = bad;
    },
  };
}
