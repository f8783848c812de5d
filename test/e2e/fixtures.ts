/** Test fixtures: a demo relying party and a Chromium with the extension, both fresh per test. */
import { rmSync } from 'node:fs';
import { type BrowserContext, test as base, expect, type Page } from '@playwright/test';
import { type DemoServer, startDemoServer } from '../../demo/server.ts';
import { extensionId, launch, newProfileDir, serviceWorker } from './browser.ts';
import { helperSession } from './cdp-session.ts';
import { PopupDriver, PopupGone } from './popup-driver.ts';

interface Fixtures {
  server: DemoServer;
  profileDir: string;
  context: BrowserContext;
  extension: string;
  page: Page;
}

export const test = base.extend<Fixtures>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright's fixture signature.
  server: async ({}, use) => {
    const server = await startDemoServer({ port: 0 });
    await use(server);
    await server.close();
  },
  // biome-ignore lint/correctness/noEmptyPattern: Playwright's fixture signature.
  profileDir: async ({}, use) => {
    const dir = newProfileDir();
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  context: async ({ profileDir }, use) => {
    const context = await launch(profileDir);
    await use(context);
    await context.close();
  },
  extension: async ({ context }, use) => {
    await use(await extensionId(context));
  },
  page: async ({ context, extension }, use) => {
    void extension;
    const page = context.pages()[0] ?? (await context.newPage());
    await use(page);
  },
});

export { expect };

/** Waits for the prompt in the real popup. */
export async function prompt(context: BrowserContext, page: Page): Promise<PopupDriver> {
  const end = Date.now() + 15_000;
  for (;;) {
    // A popup that just answered may still be closing: skip it and wait for the one with a prompt.
    const popup = await PopupDriver.waitFor(context, page);
    try {
      // Approve is armed half a second after the prompt appears (keyjacking guard).
      await popup.waitFor('section.prompt[data-armed]', 3_000);
      return popup;
    } catch (e) {
      await popup.detach();
      // Only a popup without an armed prompt (closing, or showing no prompt) is skipped.
      if (!(e instanceof PopupGone || String(e).includes('did not appear')) || Date.now() > end) throw e;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** Approves the pending prompt in the real popup, optionally choosing an account and entering a PIN. */
export async function approve(
  context: BrowserContext,
  page: Page,
  options: { account?: string; pin?: string } = {},
): Promise<PopupDriver> {
  const popup = await prompt(context, page);
  if (options.account !== undefined) {
    const picked = await popup.evaluate((name) => {
      const label = [...document.querySelectorAll('label.account')].find(
        (l) => l.querySelector('strong')?.textContent === name,
      );
      label?.querySelector('input')?.click();
      return Boolean(label);
    }, options.account);
    if (!picked) throw new Error(`no account ${options.account} in the chooser`);
  }
  if (options.pin !== undefined) await popup.fill('#pin', options.pin);
  await answerAndWait(popup, () => popup.click('#approve'));
  return popup;
}

export async function cancel(context: BrowserContext, page: Page): Promise<void> {
  const popup = await prompt(context, page);
  await answerAndWait(popup, () => popup.clickButton('Cancel'));
}

/**
 * Answers, then waits until the popup moved on (next prompt) or closed, so the next call finds a fresh
 * one. A prompt still on screen 10 s after the answer fails the test.
 */
export async function answerAndWait(popup: PopupDriver, answer: () => Promise<void>): Promise<void> {
  const id = await popup.evaluate(
    () => document.querySelector<HTMLElement>('section.prompt')?.dataset.promptId ?? '',
  );
  await answer();
  let movedOn: boolean;
  try {
    movedOn = await popup.evaluate(async (old) => {
      const end = Date.now() + 10_000;
      while (Date.now() < end) {
        if (document.querySelector<HTMLElement>('section.prompt')?.dataset.promptId !== old) return true;
        await new Promise((r) => setTimeout(r, 20));
      }
      return false;
    }, id);
  } catch (e) {
    // The popup closed: that is moving on too. Any other error is the test's.
    if (!(e instanceof PopupGone)) throw e;
    movedOn = true;
  }
  await popup.detach();
  if (!movedOn) throw new Error(`prompt ${id} was still on screen 10 s after the answer`);
}

/** How many passkeys the vault holds, read straight from IndexedDB in the service worker. */
export async function storedCredentialCount(context: BrowserContext): Promise<number> {
  const worker = await serviceWorker(context);
  return worker.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('tapkey-vault');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('credentials')) return resolve(0);
          const count = db.transaction('credentials').objectStore('credentials').count();
          count.onsuccess = () => {
            resolve(count.result);
            db.close();
          };
        };
      }),
  );
}

/** True once no popup target is open any more (it closes itself after the last answer). */
export async function waitForPopupClosed(
  _context: BrowserContext,
  page: Page,
  timeoutMs = 5_000,
): Promise<void> {
  const cdp = await helperSession(page);
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { url: string }[] };
    if (!targetInfos.some((t) => t.url.includes('/popup/popup.html'))) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the popup stayed open');
}
