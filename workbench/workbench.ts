/**
 * The developer workbench page, in a tab or beside the page (Chrome's side panel, Firefox's sidebar). It talks
 * to the worker with workbench/* messages only, and redraws when the worker writes the log or the
 * grants (storage.onChanged is a signal here; the data comes by message).
 */
import browser from 'webextension-polyfill';
import { localizePage } from '../src/i18n/page-language.ts';
import { LOG_INDEX_KEY } from '../src/messages/workbench-protocol.ts';
import { credentialsSection } from './credentials-section.ts';
import { faultsSection } from './faults-section.ts';
import { grantsSection } from './grants-section.ts';
import { logSection } from './log-section.ts';
import { passkeysSection } from './passkeys-section.ts';
import { profileSection } from './profile-section.ts';

localizePage();
const app = document.getElementById('app');
if (app) {
  const faults = faultsSection();
  const profile = profileSection();
  const grants = grantsSection((list) => {
    faults.refresh(list);
    profile.refresh(list);
  });
  const log = logSection();
  const passkeys = passkeysSection();
  app.append(
    grants.element,
    profile.element,
    faults.element,
    passkeys.element,
    credentialsSection(),
    log.element,
  );
  void grants.refresh();
  void log.refresh();
  void passkeys.refresh();
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'local') return;
    if ('workbench/grants' in changes) void grants.refresh();
    if (LOG_INDEX_KEY in changes) {
      void log.refresh().then((entries) => {
        // A logged ceremony may have made a passkey or moved a counter: its RP's passkeys only.
        const rpIds = new Set(entries.flatMap((e) => (e.outcome === 'result' && e.rpId ? [e.rpId] : [])));
        if (rpIds.size > 0) void passkeys.refresh({ rpIds: [...rpIds] });
      });
    }
  });
}
