/**
 * Our extension in Debian's Chromium, through the real popup: for each create()/get(),
 * call → prompt visible, and Approve click → promise resolved, on the machine's wall clock.
 */
import { rmSync } from 'node:fs';
import type { BrowserContext, CDPSession, Page } from '@playwright/test';
import { launch, newProfileDir, serviceWorker, stopServiceWorker } from '../../test/e2e/browser.ts';
import { listTargets, type TargetInfo, TargetSession } from './cdp-target.ts';
import { settled, startCreate, startGet } from './page-calls.ts';
import { type PopupCodesRun, runPopupCodes } from './popup-codes.ts';
import { installTrace, type TraceEvent, takeTrace } from './trace.ts';

/** One ceremony through the popup. All times are wall-clock milliseconds. */
export interface PopupSample {
  kind: 'create' | 'get';
  /** navigator.credentials.*() called in the page. */
  startedAt: number;
  /** The popup document's navigation start (the worker has opened it). */
  popupOpenedAt: number;
  /** section.prompt in the DOM (NaN when it was already there when we attached). */
  promptInDomAt: number;
  /** First contentful paint of the popup: the prompt is on screen (the popup has no other content). */
  promptPaintedAt: number;
  /** Approve clicked inside the popup. */
  approvedAt: number;
  /** The page's promise resolved. */
  resolvedAt: number;
}

export interface TracedSample {
  sample: PopupSample;
  events: TraceEvent[];
}

export interface ExtensionRun {
  samples: PopupSample[];
  /** create()s each made just after the service worker was stopped, as Chrome stops an idle one. */
  coldSamples: PopupSample[];
  /** Ceremonies that failed (each is left out of the samples), with the reason. */
  failures: string[];
  /** Extra ceremonies with the service worker's API calls logged (not in `samples`). */
  traced: TracedSample[];
  /** Codes tab first render with many accounts (issue 4). */
  popupCodes: PopupCodesRun;
  swHeapUsed: number;
  swHeapTotal: number;
  chromiumVersion: string;
}

const POPUP_PATH = '/popup/popup.html';

/** Watches targets so that each new popup is found by ID the moment Chromium creates it. */
class PopupWatcher {
  private readonly seen = new Set<string>();
  private readonly live = new Map<string, TargetInfo>();
  private waiters: ((t: TargetInfo) => void)[] = [];
  private goneWaiters: { id: string; resolve: () => void }[] = [];

  constructor(private readonly cdp: CDPSession) {
    cdp.on('Target.targetCreated', ({ targetInfo }: { targetInfo: TargetInfo }) => this.update(targetInfo));
    cdp.on('Target.targetInfoChanged', ({ targetInfo }: { targetInfo: TargetInfo }) =>
      this.update(targetInfo),
    );
    cdp.on('Target.targetDestroyed', ({ targetId }: { targetId: string }) => {
      this.live.delete(targetId);
      const done = this.goneWaiters.filter((w) => w.id === targetId);
      this.goneWaiters = this.goneWaiters.filter((w) => w.id !== targetId);
      for (const w of done) w.resolve();
    });
  }

  async start(): Promise<void> {
    for (const t of await listTargets(this.cdp)) {
      this.seen.add(t.targetId);
      if (this.isPopup(t)) this.live.set(t.targetId, t);
    }
    await this.cdp.send('Target.setDiscoverTargets', { discover: true });
  }

  private isPopup(t: TargetInfo): boolean {
    return t.type === 'page' && t.url.startsWith('chrome-extension://') && t.url.includes(POPUP_PATH);
  }

  private update(t: TargetInfo): void {
    if (!this.isPopup(t) || this.live.has(t.targetId)) return;
    this.live.set(t.targetId, t);
    if (this.seen.has(t.targetId)) return;
    this.seen.add(t.targetId);
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w(t);
  }

  /** The next popup target that did not exist before. */
  next(timeoutMs: number): Promise<TargetInfo> {
    return new Promise<TargetInfo>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== done);
        reject(new Error(`no new Tapkey popup within ${timeoutMs} ms`));
      }, timeoutMs);
      const done = (t: TargetInfo) => {
        clearTimeout(timer);
        resolve(t);
      };
      this.waiters.push(done);
    });
  }

  /** Resolves when the target is gone (the popup closes itself after answering). */
  gone(targetId: string, timeoutMs: number): Promise<void> {
    if (!this.live.has(targetId)) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`popup ${targetId} did not close`)), timeoutMs);
      this.goneWaiters.push({
        id: targetId,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }
}

interface PromptTiming {
  popupOpenedAt: number;
  promptInDomAt: number;
  promptPaintedAt: number;
}

/** In the popup: when did section.prompt appear, and when was it first painted? */
function promptTiming(timeoutMs: number): Promise<PromptTiming> {
  const now = () => performance.timeOrigin + performance.now();
  const fcp = (): number => {
    const entry = performance.getEntriesByName('first-contentful-paint')[0];
    return entry ? performance.timeOrigin + entry.startTime : Number.NaN;
  };
  const present = () => document.querySelector('section.prompt') !== null;
  return new Promise<PromptTiming>((resolve, reject) => {
    const finish = (promptInDomAt: number) => {
      // FCP is recorded for the frame that showed the prompt; wait for it to be reported.
      const end = now() + 1000;
      const poll = () => {
        const painted = fcp();
        if (!Number.isNaN(painted) || now() > end) {
          resolve({ popupOpenedAt: performance.timeOrigin, promptInDomAt, promptPaintedAt: painted });
        } else requestAnimationFrame(poll);
      };
      poll();
    };
    if (present()) {
      finish(Number.NaN);
      return;
    }
    const timer = setTimeout(
      () =>
        reject(
          new Error(
            `section.prompt did not appear (body mode ${document.body.dataset.mode}: ${(document.body.textContent ?? '').slice(0, 160)})`,
          ),
        ),
      timeoutMs,
    );
    const observer = new MutationObserver(() => {
      if (!present()) return;
      const at = now();
      observer.disconnect();
      clearTimeout(timer);
      finish(at);
    });
    observer.observe(document, { childList: true, subtree: true });
  });
}

/**
 * In the popup: press Approve once it is armed (it is disabled for a moment after the prompt appears,
 * a keyjacking guard), returning the wall-clock time of the click.
 */
async function clickApprove(): Promise<number> {
  const end = Date.now() + 5_000;
  while (!document.querySelector('section.prompt[data-armed]') && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 10));
  }
  const button = document.querySelector<HTMLButtonElement>('#approve');
  if (!button || button.disabled) throw new Error('no armed #approve button');
  const at = performance.timeOrigin + performance.now();
  button.click();
  return at;
}

async function ceremony(
  kind: 'create' | 'get',
  page: Page,
  cdp: CDPSession,
  watcher: PopupWatcher,
  rpId: string,
): Promise<PopupSample> {
  const popupTarget = watcher.next(10_000);
  // Handled below; this keeps a failed start from leaving it an unhandled rejection.
  popupTarget.catch(() => undefined);
  const startedAt = kind === 'create' ? await startCreate(page, rpId) : await startGet(page, rpId);
  const target = await popupTarget;
  const popup = await TargetSession.attach(cdp, target.targetId);
  try {
    // JSON has no NaN: a missing time comes back as null.
    const raw = await timingOf(popup);
    const timing: PromptTiming = {
      popupOpenedAt: raw.popupOpenedAt ?? Number.NaN,
      promptInDomAt: raw.promptInDomAt ?? Number.NaN,
      promptPaintedAt: raw.promptPaintedAt ?? Number.NaN,
    };
    const approvedAt = await popup.evaluate(clickApprove);
    const { resolvedAt } = await settled(page);
    await watcher.gone(target.targetId, 5_000);
    return { kind, startedAt, approvedAt, resolvedAt, ...timing };
  } finally {
    await popup.detach();
  }
}

/**
 * The prompt's timing in the popup's document. A prompt window's tab is created before it navigates
 * to popup.html, so the first document attached to may be replaced: then ask the new one.
 */
async function timingOf(popup: TargetSession): Promise<Record<keyof PromptTiming, number | null>> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await popup.evaluate(promptTiming, 10_000);
    } catch (e) {
      if (attempt >= 3 || !String(e).includes('context was destroyed')) throw e;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
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
  /** create()s with a stopped (cold) service worker. */
  coldIterations: number;
  onProgress?: (done: number, total: number) => void;
}): Promise<ExtensionRun> {
  const profile = newProfileDir();
  let context: BrowserContext | undefined;
  try {
    context = await launch(profile);
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
      const popupCodes: PopupCodesRun =
        options.codesAccounts > 0
          ? await runPopupCodes(context, extensionId, { accounts: options.codesAccounts, iterations: 5 })
          : { ok: false, reason: 'not run' };
      const chromiumVersion =
        context.browser()?.version() ?? (await page.evaluate(() => navigator.userAgent));
      return {
        samples,
        coldSamples,
        failures,
        traced,
        popupCodes,
        swHeapUsed: heap.used,
        swHeapTotal: heap.total,
        chromiumVersion,
      };
    } finally {
      await sw.detach();
      await cdp.detach().catch(() => undefined);
    }
  } finally {
    await context?.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  }
}
