/**
 * Sign-ins with a PIN set (issue 13: no bench run had one, so the PIN's key derivation never ran on a
 * measured path). The PIN is set through the worker's own `settings/set-pin`; then, in turns:
 * - unlocked: get() with userVerification "discouraged" on an unlocked vault, plain Approve (the
 *   vault key is in memory: the private key is unsealed with it, no derivation);
 * - locked: the vault locked (`vault/lock`, as Lock now does), the same get(); the prompt asks for
 *   the PIN, and Approve → resolved includes unlocking it: PBKDF2-SHA256 with 600,000 iterations,
 *   the retry counter written first, the vault key unwrapped.
 */
import type { BrowserContext, CDPSession, Page } from '@playwright/test';
import { ceremony, type PopupSample, type PopupWatcher } from './popup-ceremony.ts';

export interface PinRun {
  unlocked: PopupSample[];
  locked: PopupSample[];
}

const PIN = '135790';

/** Sends one message to the worker from an extension page, as the popup does. */
function toWorker(helper: Page, name: string, payload: object): Promise<unknown> {
  return helper.evaluate(({ name, payload }) => chrome.runtime.sendMessage({ name, payload }), {
    name,
    payload,
  });
}

export async function runPinCeremonies(run: {
  context: BrowserContext;
  page: Page;
  cdp: CDPSession;
  watcher: PopupWatcher;
  rpId: string;
  extensionId: string;
  iterations: number;
  /** Runs one ceremony; a failed one is reported and left out (extension.ts). */
  attempt: (one: () => Promise<PopupSample>) => Promise<PopupSample | undefined>;
}): Promise<PinRun> {
  const { context, page, cdp, watcher, rpId } = run;
  // An extension page in a background tab sends the settings messages; the page keeps the front.
  const helper = await context.newPage();
  try {
    await helper.goto(`chrome-extension://${run.extensionId}/offscreen/clipboard.html`);
    const set = await toWorker(helper, 'settings/set-pin', { newPin: PIN });
    if ((set as { ok?: boolean } | undefined)?.ok !== true)
      throw new Error(`set-pin: ${JSON.stringify(set)}`);
    await page.bringToFront();
    const result: PinRun = { unlocked: [], locked: [] };
    // One warm-up of each, then the turns.
    for (let i = 0; i < run.iterations + 1; i++) {
      const unlocked = await run.attempt(() =>
        ceremony('get', page, cdp, watcher, rpId, { userVerification: 'discouraged' }),
      );
      await toWorker(helper, 'vault/lock', {});
      const locked = await run.attempt(() =>
        ceremony('get', page, cdp, watcher, rpId, { userVerification: 'discouraged', pin: PIN }),
      );
      if (i === 0) continue;
      if (unlocked) result.unlocked.push(unlocked);
      if (locked) result.locked.push(locked);
    }
    return result;
  } finally {
    await helper.close();
  }
}
