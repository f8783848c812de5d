/**
 * Fixtures for the authenticator-code e2e tests. Scanning (`tabs.captureVisibleTab`) and filling
 * (`scripting.executeScript`) need `activeTab`, which Chrome grants only when the user invokes the
 * extension on the tab. Checked in headless Chromium 156: neither `action.openPopup()` nor a synthetic
 * Alt+Shift+F key press grants it, but CDP's `Extensions.triggerAction` on the tab's `tab` target does
 * exactly what a toolbar click does (grants activeTab, opens the real popup). That method exists only
 * with `--enable-unsafe-extension-debugging` over `--remote-debugging-pipe` (Playwright's transport).
 */
import { spawnSync } from 'node:child_process';
import type { BrowserContext, Page } from '@playwright/test';
import { test as base, expect } from './fixtures.ts';
import { PopupDriver } from './popup-driver.ts';

export const test = base;

export { expect };

/** Clicks Tapkey's toolbar button on `page`'s tab, as the user would, and attaches to the popup. */
export async function clickToolbarButton(
  context: BrowserContext,
  page: Page,
  extensionId: string,
): Promise<PopupDriver> {
  const browser = context.browser();
  if (!browser) throw new Error('no browser for the persistent context');
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = (await cdp.send('Target.getTargets', { filter: [{}] } as never)) as {
      targetInfos: { targetId: string; type: string; url: string }[];
    };
    const tab = targetInfos.find((t) => t.type === 'tab' && t.url === page.url());
    if (!tab) throw new Error(`no tab target for ${page.url()}`);
    await cdp.send('Extensions.triggerAction' as never, { id: extensionId, targetId: tab.targetId } as never);
  } finally {
    await cdp.detach().catch(() => undefined);
  }
  return PopupDriver.waitFor(context, page);
}

/** The codes oathtool (Debian's `oathtool` package, independent of Tapkey and otpauth) makes. */
export function oathtool(args: string[]): string {
  const run = spawnSync('oathtool', args, { encoding: 'utf8' });
  if (run.error || run.status !== 0) {
    throw new Error(
      `oathtool failed (${run.error?.message ?? run.stderr.trim()}); install it with: apt-get install oathtool`,
    );
  }
  return run.stdout.trim();
}

/** The code texts of the account row named `name`, without the grouping space. */
export async function rowCodes(popup: PopupDriver, name: string): Promise<{ current: string; next: string }> {
  return popup.evaluate((n) => {
    const row = [...document.querySelectorAll<HTMLLIElement>('#otp-list li')].find((li) =>
      (document.getElementById(li.getAttribute('aria-labelledby') ?? '')?.textContent ?? '').includes(n),
    );
    const text = (s: string) => (row?.querySelector(s)?.textContent ?? '').replace(/\s/g, '');
    return { current: text('.code'), next: text('.next-code') };
  }, name);
}

/** Waits until the popup element's text contains `expected`, and returns the text. */
export async function textContaining(
  popup: PopupDriver,
  selector: string,
  expected: string,
  timeoutMs = 10_000,
): Promise<string> {
  const end = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < end) {
    text = await popup.evaluate((s) => document.querySelector(s)?.textContent ?? '', selector);
    if (text.includes(expected)) return text;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`popup: ${selector} says "${text}", not "${expected}"`);
}
