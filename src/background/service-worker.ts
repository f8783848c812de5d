/**
 * The authority, and only its wiring: the vault, the ceremony wing (page requests and the prompt),
 * the codes wing and the settings. Every listener is registered synchronously at top level, so an
 * event that wakes a stopped worker finds its listener (MV3 service workers are stopped when idle).
 */
import browser from 'webextension-polyfill';
import { dispatch } from '../messages/dispatch.ts';
import { isRuntimeMessage } from '../messages/guards.ts';
import {
  CEREMONY_PORT,
  type Handlers,
  OFFER_PORT,
  POPUP_PORT,
  SIGNAL_PORT,
  WARM_PORT,
  type WorkerName,
} from '../messages/protocol.ts';
import { platform } from '../platform/index.ts';
import { openVault } from '../storage/open-vault.ts';
import { applySignal } from './ceremony/apply-signal.ts';
import { handleOfferPort } from './ceremony/offers.ts';
import { createPageDoor } from './ceremony/page-door.ts';
import { promptHandlers } from './ceremony/prompt-api.ts';
import { afterSettled, handlePopupPort, prepareSurface, refreshPopups } from './ceremony/prompt-surface.ts';
import {
  dropExpired,
  dropUnclaimed,
  listPrompts,
  onPromptsChanged,
  updateBadge,
} from './ceremony/prompts.ts';
import { ceremonyRouter } from './ceremony/router.ts';
import { sessionRequestRecords } from './ceremony/session-request-records.ts';
import { createSignalDoor } from './ceremony/signal-door.ts';
import { codesHandlers } from './codes/codes-api.ts';
import { fillFromCommand } from './codes/fill-account.ts';
import { isBypassed } from './settings/bypass.ts';
import { settingsHandlers } from './settings/settings-api.ts';
import { createAutoLock } from './vault/auto-lock.ts';
import { backupHandlers } from './vault/backup-api.ts';
import { sessionKeyCache } from './vault/session-key-cache.ts';
import { Vault } from './vault/vault.ts';
import { refreshAutoBadge } from './workbench/badge.ts';
import { listGrants } from './workbench/grants.ts';
import { workbenchHooks } from './workbench/hooks.ts';
import { workbenchHandlers } from './workbench/workbench-api.ts';

/**
 * Our own pages' URLs start with this (`chrome-extension://<id>/`). Taken from getURL rather than
 * `new URL(…).origin`, which the URL standard makes "null" for a scheme it does not know (Chrome
 * answers the extension's origin; Node, where the unit tests run, follows the standard).
 */
const OWN_PREFIX = browser.runtime.getURL('');
/** The passkey autofill frame (manifest web_accessible_resources). */
const OFFER_PAGE_PATH = '/offer/offer.html';

platform.startBackground();

const autoLock = createAutoLock(() => vault);
const vault = new Vault(openVault, sessionKeyCache(), () => autoLock.used());
const door = createPageDoor({
  route: ceremonyRouter(vault, workbenchHooks(vault)),
  records: sessionRequestRecords,
  settled: (at) => {
    void updateBadge();
    void afterSettled(at);
  },
  beforeHandBack: afterSettled,
});
const signals = createSignalDoor({
  apply: async (signal) => applySignal(await vault.db(), signal),
  isBypassed,
});
const prompt = promptHandlers(vault, { whenAnswered: (promptId) => door.whenAnswered(promptId) });
const handlers: Handlers<WorkerName> = {
  ...prompt,
  ...settingsHandlers(vault, autoLock),
  ...backupHandlers(vault),
  ...codesHandlers(vault),
  ...workbenchHandlers(vault),
};
const workerNames = Object.keys(handlers) as WorkerName[];

browser.runtime.onConnect.addListener((port) => {
  if (port.name === CEREMONY_PORT) door.connect(port);
  else if (port.name === SIGNAL_PORT) signals.connect(port);
  else if (port.name === POPUP_PORT && port.sender?.url?.startsWith(OWN_PREFIX))
    handlePopupPort(port, prompt['prompt/answer']);
  else if (port.name === OFFER_PORT) handleOfferPort(port, browser.runtime.id, OFFER_PAGE_PATH);
  else {
    if (port.name === WARM_PORT) warmUp();
    port.disconnect();
  }
});

/**
 * A relay woke the worker for a sign-in about to come (WARM_PORT): what the first request of a worker's
 * life reads before its prompt can open is read now (the vault's database, the bypass list, the prompt
 * queue, a prompt window an earlier life left), so it is not read on that request's path; and the
 * prompt's page is loaded unseen, so the prompt window starts in a warm process.
 */
function warmUp(): void {
  void vault.credentials().catch(() => undefined);
  void isBypassed('').catch(() => undefined);
  void listPrompts().catch(() => undefined);
  prepareSurface();
  void platform.preparePrompt();
}

// One style everywhere: the polyfill's Promise-returning listener; undefined for messages not ours.
browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => {
  if (sender.id !== browser.runtime.id || !sender.url?.startsWith(OWN_PREFIX)) return undefined;
  if (!isRuntimeMessage(message, workerNames)) return undefined;
  return dispatch(handlers, message);
});

// Alt+Shift+F (manifest "fill-code"): the key press grants activeTab on the tab, as a click would.
browser.commands.onCommand.addListener((command: string, tab?: browser.Tabs.Tab) => {
  if (command === 'fill-code') void vault.codes().then((store) => fillFromCommand(store, tab));
});

/** How long a restarted worker waits for the relays of pending requests to resume them. */
const RESUME_GRACE_MS = 3_000;

onPromptsChanged(refreshPopups);
void listGrants().then((grants) => refreshAutoBadge(grants));
void dropExpired(Date.now()).then(updateBadge);
setTimeout(() => {
  const running = new Set(door.running());
  void dropUnclaimed([...running]).then(updateBadge);
  // New credentials an earlier worker staged for requests that did not come back are kept
  // (credential-store.ts recoverStaged): their page may have had the answer.
  void vault
    .credentials()
    .then((store) => store.recoverStaged((owner) => running.has(owner)))
    .catch(() => undefined);
}, RESUME_GRACE_MS);
