/**
 * Issue 4: first render of the popup's Codes tab with 1,000 accounts. The accounts are seeded with the
 * worker's own `otp/add` message from an extension page; popup.html is then loaded fresh in a
 * popup-sized tab and timed from navigation start (or from the Codes tab click, when Codes is not
 * the tab the popup opens on) until the list fills the popup and every row the user can see shows its
 * code (the popup builds rows past the first screenful in the background, and computes codes for rows
 * as they scroll into view), and until that frame is painted.
 */
import type { BrowserContext } from '@playwright/test';
import { accountToWire } from '../../src/messages/otp-account-wire.ts';
import { evaluateIn } from './cdp-target.ts';
import { randomAccounts } from './codes.ts';

export type PopupCodesRun = { ok: true; renders: number[]; from: string } | { ok: false; reason: string };

interface RenderTiming {
  from: 'navigation start' | 'Codes tab click';
  renderedAt: number;
  paintedAt: number;
  startAt: number;
}

/** In the popup page: waits until `count` rows show codes. */
function waitForList(arg: { count: number; timeoutMs: number }): Promise<RenderTiming | string> {
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
  const until = (deadline: number): Promise<boolean> =>
    new Promise((resolve) => {
      const tick = () => {
        if (ready()) resolve(true);
        else if (performance.now() > deadline) resolve(false);
        else requestAnimationFrame(tick);
      };
      tick();
    });
  const painted = () =>
    new Promise<number>((r) => requestAnimationFrame(() => setTimeout(() => r(performance.now()), 0)));
  return (async () => {
    if (await until(performance.now() + 1500)) {
      const renderedAt = performance.now();
      return { from: 'navigation start' as const, startAt: 0, renderedAt, paintedAt: await painted() };
    }
    const tab = document.querySelector<HTMLElement>('#tab-codes');
    if (!tab) return 'no Codes tab';
    const startAt = performance.now();
    tab.click();
    if (!(await until(startAt + arg.timeoutMs)))
      return `the Codes tab showed ${document.querySelectorAll('#otp-list li').length} account rows, not ${arg.count}`;
    const renderedAt = performance.now();
    return { from: 'Codes tab click' as const, startAt, renderedAt, paintedAt: await painted() };
  })();
}

export async function runPopupCodes(
  context: BrowserContext,
  extensionId: string,
  options: { accounts: number; iterations: number },
): Promise<PopupCodesRun> {
  const page = await context.newPage();
  try {
    await page.setViewportSize({ width: 400, height: 600 });
    const url = `chrome-extension://${extensionId}/popup/popup.html?stay=1`;
    await page.goto(url);
    const accounts = randomAccounts(options.accounts).map(accountToWire);
    const added = await evaluateIn(
      page,
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
      accounts,
    );
    if (!added.startsWith('ok')) return { ok: false, reason: added };
    const renders: number[] = [];
    let from = '';
    for (let i = 0; i < options.iterations + 1; i++) {
      await page.goto(url);
      const timing = await evaluateIn(page, waitForList, { count: options.accounts, timeoutMs: 10_000 });
      if (typeof timing === 'string') return { ok: false, reason: timing };
      from = timing.from;
      if (i > 0) renders.push(timing.paintedAt - timing.startAt);
    }
    return { ok: true, renders, from };
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message.split('\n')[0]! : String(e) };
  } finally {
    await page.close().catch(() => undefined);
  }
}
