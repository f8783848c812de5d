/** Launches Debian's Chromium with the built extension (architecture traps 8–10). */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from '@playwright/test';

export const DIST = resolve(import.meta.dirname, '../../dist');

export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}. Install it (apt-get install chromium) or set CHROMIUM_PATH.`,
    );
  }
  return path;
}

export function newProfileDir(): string {
  return mkdtempSync(join(tmpdir(), 'tapkey-e2e-'));
}

/** `extraArgs`: more Chromium switches (the bench opens a DevTools port with one). */
export async function launch(profileDir: string, extraArgs: readonly string[] = []): Promise<BrowserContext> {
  if (!existsSync(join(DIST, 'manifest.json'))) throw new Error('dist/ is missing: run npm run build first');
  return chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath(),
    headless: true,
    args: [
      `--disable-extensions-except=${DIST}`,
      `--load-extension=${DIST}`,
      '--disable-features=DisableLoadExtensionCommandLineSwitch',
      // Lets tests press the toolbar button (CDP Extensions.triggerAction), which grants activeTab.
      '--enable-unsafe-extension-debugging',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...extraArgs,
    ],
  });
}

export async function serviceWorker(context: BrowserContext): Promise<Worker> {
  const existing = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
  return (
    existing ??
    context.waitForEvent('serviceworker', { predicate: (w) => w.url().startsWith('chrome-extension://') })
  );
}

export async function extensionId(context: BrowserContext): Promise<string> {
  return new URL((await serviceWorker(context)).url()).host;
}

/**
 * Stops the extension's service worker as Chrome does when it is idle (trap 9): the next event starts
 * a fresh one with empty globals.
 */
export async function stopServiceWorker(context: BrowserContext, anyPage: Page): Promise<void> {
  const cdp = await context.newCDPSession(anyPage);
  const { targetInfos } = (await cdp.send('Target.getTargets')) as {
    targetInfos: { targetId: string; type: string; url: string }[];
  };
  const target = targetInfos.find(
    (t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'),
  );
  if (!target) throw new Error('extension service worker not found');
  await cdp.send('Target.closeTarget', { targetId: target.targetId });
  // Until that worker is gone (a new one may start at once, for a relay that reconnects).
  try {
    const end = Date.now() + 5_000;
    for (;;) {
      const { targetInfos: now } = (await cdp.send('Target.getTargets')) as {
        targetInfos: { targetId: string }[];
      };
      if (!now.some((t) => t.targetId === target.targetId)) return;
      if (Date.now() > end)
        throw new Error('the extension service worker was still running 5 s after closing');
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    await cdp.detach();
  }
}
