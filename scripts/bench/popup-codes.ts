/**
 * Issue 4: first render of the Codes tab with 1,000 accounts, in the real toolbar popup. The accounts
 * are seeded with the worker's own `otp/add` message from an extension page; then, again and again,
 * the toolbar button is pressed (CDP Extensions.triggerAction, what a click does) and the popup is
 * timed until the list fills it and every row the user can see shows its code (the popup builds rows
 * past the first screenful in the background, and computes codes for rows as they scroll into view),
 * and until that frame is painted: from the popup document's navigation start, and from the click.
 * The probe goes into each popup the moment Chromium creates its page, through our own DevTools
 * socket (cdp-socket.ts): Playwright never attaches to the toolbar popup, and attaching through its
 * CDPSession took 100–600 ms on a loaded machine, after many renders had finished. A popup that shows
 * its list before the probe is in is counted and left out, not timed.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { accountToWire } from '../../src/messages/otp-account-wire.ts';
import type { CdpSocket } from './cdp-socket.ts';
import { evaluateIn, expression, type TargetInfo } from './cdp-target.ts';
import { randomAccounts } from './codes.ts';

export type PopupCodesRun =
  | {
      ok: true;
      /** Navigation start of the popup document → the filled list painted (ms). */
      renders: number[];
      /** Toolbar click → the filled list painted (ms): the user's wait. */
      fromClick: number[];
      /** Popups that had their list on screen before the probe was in (left out). */
      late: number;
    }
  | { ok: false; reason: string };

interface RenderTiming {
  renderedAt: number;
  paintedAt: number;
  timeOrigin: number;
}

interface ProbeArg {
  count: number;
  timeoutMs: number;
  /** Put into a document that was already running: a list it finds ready is no measurement. */
  late?: boolean;
}

/**
 * Runs at document start in the popup: watches every frame until `count` accounts' rows fill the
 * view with codes, and leaves the times (from navigation start) in `window.__tapkeyCodesRender`.
 */
function renderProbe(arg: ProbeArg): void {
  if (!location.pathname.endsWith('/popup/popup.html')) return;
  const ready = () => {
    const list = document.querySelector('#otp-list');
    const rows = document.querySelectorAll<HTMLElement>('#otp-list li');
    if (!list || rows.length < Math.min(arg.count, 10)) return false;
    const view = list.getBoundingClientRect();
    const bottom = Math.min(view.bottom, window.innerHeight);
    let seen = 0;
    for (const row of rows) {
      const box = row.getBoundingClientRect();
      if (box.bottom <= view.top || box.top >= bottom) continue;
      seen++;
      if (!row.querySelector('.code')?.textContent?.trim()) return false;
    }
    return seen > 0;
  };
  const painted = () =>
    new Promise<number>((r) => requestAnimationFrame(() => setTimeout(() => r(performance.now()), 0)));
  (window as unknown as { __tapkeyCodesRender: Promise<RenderTiming | string> }).__tapkeyCodesRender =
    new Promise((resolve) => {
      let first = true;
      const tick = () => {
        const late = first && arg.late === true;
        first = false;
        if (ready() && late) resolve('late');
        else if (ready()) {
          const renderedAt = performance.now();
          void painted().then((paintedAt) =>
            resolve({ renderedAt, paintedAt, timeOrigin: performance.timeOrigin }),
          );
        } else if (performance.now() > arg.timeoutMs) {
          const rows = document.querySelectorAll('#otp-list li').length;
          resolve(`the Codes tab showed ${rows} rows, not ${arg.count}`);
        } else requestAnimationFrame(tick);
      };
      tick();
    });
}

/** Seeds `count` random accounts through the worker, from a tab of the popup page. */
async function seed(context: BrowserContext, extensionId: string, count: number): Promise<string> {
  const tab = await context.newPage();
  try {
    await tab.goto(`chrome-extension://${extensionId}/popup/popup.html?stay=1`);
    return await evaluateIn(
      tab,
      async (accounts: unknown[]) => {
        try {
          const res = (await chrome.runtime.sendMessage({
            name: 'otp/add',
            payload: { accounts, onDuplicate: 'add' },
          })) as { ok?: boolean; added?: number; error?: string } | undefined;
          return res?.ok ? `ok ${res.added ?? '?'}` : `otp/add answered ${JSON.stringify(res)}`;
        } catch (e) {
          return `otp/add failed: ${String(e)}`;
        }
      },
      randomAccounts(count).map(accountToWire),
    );
  } finally {
    await tab.close();
  }
}

interface Attached {
  sessionId: string;
  targetInfo: TargetInfo;
}

/**
 * The probe's answer from the popup document. The session may first see the blank document before
 * it; a popup document that runs without the probe gets it now, marked late.
 */
async function renderTiming(
  socket: CdpSocket,
  sessionId: string,
  arg: ProbeArg,
): Promise<RenderTiming | string> {
  const late = expression(renderProbe, { ...arg, late: true });
  const check = `(() => {
    if (!location.pathname.endsWith('/popup/popup.html')) return null;
    if (!window.__tapkeyCodesRender) ${late};
    return window.__tapkeyCodesRender;
  })()`;
  const end = Date.now() + 15_000;
  for (;;) {
    const reply = await socket
      .send<{ result?: { value?: RenderTiming | string | null } }>(
        'Runtime.evaluate',
        { expression: check, awaitPromise: true, returnByValue: true },
        sessionId,
      )
      .catch((e: unknown) => ({ result: { value: String(e).includes('context') ? null : String(e) } }));
    const value = reply.result?.value ?? null;
    if (value !== null) return value;
    if (Date.now() > end) return 'the popup document never ran the probe';
    await new Promise((r) => setTimeout(r, 2));
  }
}

/**
 * `socket` is a DevTools connection to the same browser; `page` is the tab whose toolbar button is
 * pressed.
 */
export async function runPopupCodes(
  context: BrowserContext,
  page: Page,
  socket: CdpSocket,
  extensionId: string,
  options: { accounts: number; iterations: number },
): Promise<PopupCodesRun> {
  const browser = context.browser();
  if (!browser) return { ok: false, reason: 'no browser for the persistent context' };
  const added = await seed(context, extensionId, options.accounts);
  if (!added.startsWith('ok')) return { ok: false, reason: added };
  await page.bringToFront();
  const arg: ProbeArg = { count: options.accounts, timeoutMs: 10_000 };
  const probe = expression(renderProbe, arg);
  let nextPopup: ((a: Attached) => void) | undefined;
  // A new popup page is attached to the moment discovery reports it, on our own socket (a few ms;
  // through Playwright's session it took 100–600 ms on a loaded machine). Its document is mostly
  // loading by then (pausing it before its first script needs an auto-attach through its tab target,
  // which Chromium 156 detaches when the popup reuses a renderer): the probe goes in for the next
  // document and into the current one at once (renderTiming); a popup that already shows its list
  // then is counted late and left out.
  const attaching = new Set<string>();
  const onTarget = (params: Record<string, unknown>) => {
    const targetInfo = params.targetInfo as TargetInfo;
    // Chromium creates the popup's page as an "other" target without a URL, and makes it a "page"
    // at popup.html once it has loaded: caught as the former, the probe is in before its first script.
    const blank = targetInfo.type === 'other' && targetInfo.url === '';
    if (!blank && (targetInfo.type !== 'page' || !targetInfo.url.includes('/popup/popup.html'))) return;
    if (!nextPopup || attaching.has(targetInfo.targetId)) return;
    attaching.add(targetInfo.targetId);
    const resolve = nextPopup;
    void (async () => {
      const { sessionId } = await socket.send<{ sessionId: string }>('Target.attachToTarget', {
        targetId: targetInfo.targetId,
        flatten: true,
      });
      await socket.send('Page.addScriptToEvaluateOnNewDocument', { source: probe }, sessionId);
      resolve({ sessionId, targetInfo });
    })().catch((e: unknown) => console.error('popup probe:', e));
  };
  const stopListening = [
    socket.on('Target.targetCreated', onTarget),
    socket.on('Target.targetInfoChanged', onTarget),
  ];
  // Extensions.triggerAction answers only on Playwright's pipe (otp-fixtures.ts), not on a port.
  const pipe = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = (await pipe.send('Target.getTargets', { filter: [{}] } as never)) as {
      targetInfos: TargetInfo[];
    };
    const tab = targetInfos.find((t) => t.type === 'tab' && t.url === page.url());
    if (!tab) return { ok: false, reason: `no tab target for ${page.url()}` };
    await socket.send('Target.setDiscoverTargets', { discover: true });
    const renders: number[] = [];
    const fromClick: number[] = [];
    let late = 0;
    // One extra first run: the first popup of the browser's life loads its code cold.
    for (let warm = false; renders.length < options.iterations; ) {
      if (late > options.iterations)
        return { ok: false, reason: `${late} popups showed their list before the probe` };
      const attached = new Promise<Attached>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error('no popup within 10 s of the toolbar click')),
          10_000,
        );
        nextPopup = (a) => {
          clearTimeout(timer);
          nextPopup = undefined;
          resolve(a);
        };
      });
      const clickedAt = Date.now();
      await pipe.send(
        'Extensions.triggerAction' as never,
        { id: extensionId, targetId: tab.targetId } as never,
      );
      const { sessionId, targetInfo } = await attached;
      try {
        const timing = await renderTiming(socket, sessionId, arg);
        if (timing === 'late') late++;
        else if (typeof timing === 'string') return { ok: false, reason: timing };
        else if (warm) {
          renders.push(timing.paintedAt);
          fromClick.push(timing.timeOrigin + timing.paintedAt - clickedAt);
        }
        warm = true;
      } finally {
        await closeTarget(socket, targetInfo.targetId);
      }
    }
    return { ok: true, renders, fromClick, late };
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message.split('\n')[0]! : String(e) };
  } finally {
    for (const stop of stopListening) stop();
    await socket.send('Target.setDiscoverTargets', { discover: false }).catch(() => undefined);
    await pipe.detach().catch(() => undefined);
  }
}

/** Closes the popup as a click elsewhere would, and waits until it is gone. */
async function closeTarget(socket: CdpSocket, targetId: string): Promise<void> {
  let stop: (() => void) | undefined;
  const gone = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`popup ${targetId} did not close`)), 5_000);
    stop = socket.on('Target.detachedFromTarget', (params) => {
      if (params.targetId !== targetId) return;
      clearTimeout(timer);
      resolve();
    });
  });
  try {
    await socket.send('Target.closeTarget', { targetId });
    await gone;
  } finally {
    stop?.();
  }
}
