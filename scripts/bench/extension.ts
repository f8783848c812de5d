/**
 * Our extension in Debian's Chromium, through the real popup: for each create()/get(),
 * call → prompt visible, and Approve click → promise resolved, on the machine's wall clock.
 */
import { rmSync } from 'node:fs';
import type { BrowserContext, CDPSession } from '@playwright/test';
import { launch, newProfileDir, serviceWorker, stopServiceWorker } from '../../test/e2e/browser.ts';
import { CdpSocket, devToolsUrl } from './cdp-socket.ts';
import { listTargets, TargetSession } from './cdp-target.ts';
import { settled } from './page-calls.ts';
import { type PinRun, runPinCeremonies } from './pin-ceremonies.ts';
import { ceremony, POPUP_PATH, type PopupSample, PopupWatcher } from './popup-ceremony.ts';
import { type PopupCodesRun, runPopupCodes } from './popup-codes.ts';
import { installTrace, type TraceEvent, takeTrace } from './trace.ts';

/** How long after its WebAuthn probe the page calls create() in the probed cold rows: a user's click. */
export const PROBE_TO_CALL_MS = 1_000;

export interface TracedSample {
  sample: PopupSample;
  events: TraceEvent[];
}

export interface ExtensionRun {
  samples: PopupSample[];
  /** create()s each made just after the service worker was stopped, as Chrome stops an idle one. */
  coldSamples: PopupSample[];
  /** The same, the page having probed WebAuthn PROBE_TO_CALL_MS before the call. */
  coldProbedSamples: PopupSample[];
  /** Ceremonies that failed (each is left out of the samples), with the reason. */
  failures: string[];
  /** Extra ceremonies with the service worker's API calls logged (not in `samples`). */
  traced: TracedSample[];
  /** Codes tab first render with many accounts, in the toolbar popup (issue 4). */
  popupCodes: PopupCodesRun;
  /** get() with a PIN set: the vault unlocked, and locked (the PIN's key derivation on the path). */
  pin: PinRun;
  swHeapUsed: number;
  swHeapTotal: number;
  chromiumVersion: string;
}

async function attachWorker(cdp: CDPSession): Promise<TargetSession> {
  const sw = (await listTargets(cdp)).find(
    (t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'),
  );
  if (!sw) throw new Error('the extension service worker is not running');
  return TargetSession.attach(cdp, sw.targetId);
}

async function workerHeap(sw: TargetSession): Promise<{ used: number; total: number }> {
  await sw.send('HeapProfiler.collectGarbage').catch(() => undefined);
  const reply = (await sw.send('Runtime.getHeapUsage')) as {
    result?: { usedSize?: number; totalSize?: number };
  };
  return { used: reply.result?.usedSize ?? Number.NaN, total: reply.result?.totalSize ?? Number.NaN };
}

export async function runExtension(options: {
  origin: string;
  warmups: number;
  iterations: number;
  /** Extra traced create()+get() pairs after the timed ones. */
  traceIterations: number;
  /** Accounts to seed for the Codes tab render (issue 4); 0 skips it. */
  codesAccounts: number;
  /** Toolbar popups opened to time the Codes tab's first render. */
  codesIterations: number;
  /** get()s each with the vault unlocked and locked, after a PIN is set; 0 skips them. */
  pinIterations: number;
  /** create()s with a stopped (cold) service worker. */
  coldIterations: number;
  onProgress?: (done: number, total: number) => void;
}): Promise<ExtensionRun> {
  const profile = newProfileDir();
  let context: BrowserContext | undefined;
  let socket: CdpSocket | undefined;
  try {
    // A DevTools port beside Playwright's pipe: popup-codes.ts catches each toolbar popup through it.
    context = await launch(profile, ['--remote-debugging-port=0']);
    const extensionId = new URL((await serviceWorker(context)).url()).host;
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${options.origin}/pages/blank.html`);
    const rpId = new URL(options.origin).hostname;
    const cdp = await context.newCDPSession(page);
    const watcher = new PopupWatcher(cdp);
    await watcher.start();
    const samples: PopupSample[] = [];
    const failures: string[] = [];
    /** One failed ceremony is reported, not fatal: close its popup, let the call settle, go on. */
    const attempt = async (run: () => Promise<PopupSample>): Promise<PopupSample | undefined> => {
      try {
        return await run();
      } catch (e) {
        failures.push(e instanceof Error ? e.message.split('\n')[0]! : String(e));
        if (failures.length > 5) throw new Error(`too many failed ceremonies: ${failures.join('; ')}`);
        for (const t of await listTargets(cdp)) {
          if (t.type === 'page' && t.url.includes(POPUP_PATH)) {
            await cdp.send('Target.closeTarget', { targetId: t.targetId }).catch(() => undefined);
          }
        }
        await settled(page, 15_000).catch(() => undefined);
        return undefined;
      }
    };
    const total = options.warmups + options.iterations;
    for (let i = 0; i < total; i++) {
      const create = await attempt(() => ceremony('create', page, cdp, watcher, rpId));
      const get = await attempt(() => ceremony('get', page, cdp, watcher, rpId));
      if (i >= options.warmups) samples.push(...[create, get].filter((x) => x !== undefined));
      options.onProgress?.(i + 1, total);
    }
    // Cold starts: Chrome stops an idle worker after about 30 s, so most real sign-ins wake it.
    const coldSamples: PopupSample[] = [];
    for (let i = 0; i < options.coldIterations; i++) {
      await stopServiceWorker(context, page);
      const cold = await attempt(() => ceremony('create', page, cdp, watcher, rpId));
      if (cold) coldSamples.push(cold);
    }
    // The same, on a page that probed WebAuthn a second before (as sign-in pages do when they load):
    // the probe wakes the worker (page-script.ts warm).
    const coldProbedSamples: PopupSample[] = [];
    for (let i = 0; i < options.coldIterations; i++) {
      await stopServiceWorker(context, page);
      await page.reload();
      await page.evaluate(() => PublicKeyCredential.isConditionalMediationAvailable());
      await new Promise((resolve) => setTimeout(resolve, PROBE_TO_CALL_MS));
      const cold = await attempt(() => ceremony('create', page, cdp, watcher, rpId));
      if (cold) coldProbedSamples.push(cold);
    }
    const sw = await attachWorker(cdp);
    try {
      const heap = await workerHeap(sw);
      const traced: TracedSample[] = [];
      await installTrace(sw);
      for (let i = 0; i < options.traceIterations; i++) {
        for (const kind of ['create', 'get'] as const) {
          await takeTrace(sw);
          const sample = await attempt(() => ceremony(kind, page, cdp, watcher, rpId));
          const events = await takeTrace(sw);
          if (sample) traced.push({ sample, events });
        }
      }
      socket = await CdpSocket.open(devToolsUrl(profile));
      const popupCodes: PopupCodesRun =
        options.codesAccounts > 0
          ? await runPopupCodes(context, page, socket, extensionId, {
              accounts: options.codesAccounts,
              iterations: options.codesIterations,
            })
          : { ok: false, reason: 'not run' };
      // Last: a PIN locks the Codes tab and changes every later ceremony.
      const pin: PinRun =
        options.pinIterations > 0
          ? await runPinCeremonies({
              context,
              page,
              cdp,
              watcher,
              rpId,
              extensionId,
              iterations: options.pinIterations,
              attempt,
            })
          : { unlocked: [], locked: [] };
      const chromiumVersion =
        context.browser()?.version() ?? (await page.evaluate(() => navigator.userAgent));
      return {
        samples,
        coldSamples,
        coldProbedSamples,
        failures,
        traced,
        popupCodes,
        pin,
        swHeapUsed: heap.used,
        swHeapTotal: heap.total,
        chromiumVersion,
      };
    } finally {
      await sw.detach();
      await cdp.detach().catch(() => undefined);
    }
  } finally {
    socket?.close();
    await context?.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  }
}
