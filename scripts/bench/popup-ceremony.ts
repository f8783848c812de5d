/**
 * One create()/get() through Tapkey's prompt, timed on the machine's wall clock: call → popup opened →
 * prompt in the DOM → painted, and Approve click → the page's promise resolved. The prompt window is
 * found by target ID the moment Chromium creates it.
 */
import type { CDPSession, Page } from '@playwright/test';
import { listTargets, type TargetInfo, TargetSession } from './cdp-target.ts';
import { settled, startCreate, startGet, type UserVerification } from './page-calls.ts';

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

export const POPUP_PATH = '/popup/popup.html';

/** Watches targets so that each new popup is found by ID the moment Chromium creates it. */
export class PopupWatcher {
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
 * a keyjacking guard), typing `pin` first when given, and return the wall-clock time of the click.
 */
async function clickApprove(pin: string | null): Promise<number> {
  const end = Date.now() + 5_000;
  while (!document.querySelector('section.prompt[data-armed]') && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 10));
  }
  if (pin !== null) {
    const field = document.querySelector<HTMLInputElement>('#pin');
    if (!field) throw new Error('the prompt asks for no PIN');
    field.value = pin;
    field.dispatchEvent(new Event('input', { bubbles: true }));
  }
  const button = document.querySelector<HTMLButtonElement>('#approve');
  if (!button || button.disabled) throw new Error('no armed #approve button');
  const at = performance.timeOrigin + performance.now();
  button.click();
  return at;
}

/** How the page asks and what the user types: a get()'s userVerification, and the PIN. */
export interface CeremonyOptions {
  userVerification?: UserVerification;
  pin?: string;
}

export async function ceremony(
  kind: 'create' | 'get',
  page: Page,
  cdp: CDPSession,
  watcher: PopupWatcher,
  rpId: string,
  options: CeremonyOptions = {},
): Promise<PopupSample> {
  const popupTarget = watcher.next(10_000);
  // Handled below; this keeps a failed start from leaving it an unhandled rejection.
  popupTarget.catch(() => undefined);
  const startedAt =
    kind === 'create' ? await startCreate(page, rpId) : await startGet(page, rpId, options.userVerification);
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
    // Waited for before the click: a CDP call reaching the page while its answer arrives would be the
    // harness's own traffic in the very milliseconds measured (Chrome's row has none either).
    const done = settled(page);
    const approvedAt = await popup.evaluate(clickApprove, options.pin ?? null);
    const { resolvedAt } = await done;
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
