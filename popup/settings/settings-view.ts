/** Settings: the PIN and locking, backup and restore, the sites Tapkey leaves to the browser, reset. */
import { send } from '../../src/messages/client.ts';
import { backupSection } from './backup-section.ts';
import { bypassSection } from './bypass-section.ts';
import { lockSection } from './lock-section.ts';
import { pinForm } from './pin-form.ts';
import { resetSection } from './reset-section.ts';
import { workbenchLink } from './workbench-link.ts';

export async function renderSettings(root: HTMLElement): Promise<void> {
  const s = await send('settings/get', {});
  const rerender = () => renderSettings(root);
  root.replaceChildren(
    pinForm(s, rerender),
    s.pinSet ? lockSection(s, rerender) : '',
    backupSection(s, rerender),
    bypassSection(s.bypassOrigins, rerender),
    workbenchLink(),
    resetSection(root, s.pinSet && s.pinRetries === 0, rerender),
  );
}
