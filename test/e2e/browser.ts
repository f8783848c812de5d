/** Launches Debian's Chromium with the built extension (architecture traps 8–10). */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, type CDPSession, chromium, type Page, type Worker } from '@playwright/test';
import { helperSession } from './cdp-session.ts';

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
 * a fresh one with empty globals. Returns once the stopped one is gone: no worker target, or one
 * without the mark put into the stopped one (a worker restarted at once, for a relay that reconnects,
 * may keep its target ID).
 */
export async function stopServiceWorker(_context: BrowserContext, anyPage: Page): Promise<void> {
  // The page's helper session, never detached (see cdp-session.ts).
  const cdp = await helperSession(anyPage);
  const find = async () => {
    const { targetInfos } = (await cdp.send('Target.getTargets')) as {
      targetInfos: { targetId: string; type: string; url: string }[];
    };
    return targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'));
  };
  const target = await find();
  if (!target) throw new Error('extension service worker not found');
  const MARK = 'self.__tapkeyStoppedByTest';
  if ((await evaluateIn(cdp, target.targetId, `${MARK} = true`)) !== true) {
    throw new Error('could not mark the service worker before stopping it');
  }
  await cdp.send('Target.closeTarget', { targetId: target.targetId });
  const end = Date.now() + 5_000;
  for (;;) {
    const now = await find();
    // A worker that cannot be reached any more is on its way out too.
    if (!now || (await evaluateIn(cdp, now.targetId, `${MARK} === true`).catch(() => false)) !== true) return;
    if (Date.now() > end) throw new Error('the extension service worker was still running 5 s after closing');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Evaluates `expression` in a target (a service worker) through a non-flattened session of `cdp`. */
async function evaluateIn(cdp: CDPSession, targetId: string, expression: string): Promise<unknown> {
  const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId, flatten: false })) as {
    sessionId: string;
  };
  try {
    const reply = new Promise<{ result?: { result?: { value?: unknown } }; error?: { message: string } }>(
      (resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no answer from target ${targetId}`)), 5_000);
        const onMessage = (event: { sessionId: string; message: string }) => {
          const message = JSON.parse(event.message) as {
            id?: number;
            result?: { result?: { value?: unknown } };
            error?: { message: string };
          };
          if (event.sessionId !== sessionId || message.id !== 1) return;
          clearTimeout(timer);
          cdp.off('Target.receivedMessageFromTarget', onMessage);
          resolve(message);
        };
        cdp.on('Target.receivedMessageFromTarget', onMessage);
      },
    );
    await cdp.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({
        id: 1,
        method: 'Runtime.evaluate',
        params: { expression, returnByValue: true },
      }),
    });
    const answer = await reply;
    if (answer.error) throw new Error(answer.error.message);
    return answer.result?.result?.value;
  } finally {
    await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
  }
}
