/** Steps on Tapkey's workbench page in a tab: turn it on for an origin, read the log, the badge. */
import type { BrowserContext, Page } from '@playwright/test';
import { serviceWorker } from './browser.ts';
import { helperSession } from './cdp-session.ts';
import { expect } from './fixtures.ts';

export async function openWorkbench(context: BrowserContext, extension: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extension}/workbench/workbench.html`);
  await expect(page.locator('#grant-list')).toBeVisible();
  return page;
}

/** Turns the workbench on for `origin` through its own form, as a developer does. */
export async function grantOrigin(
  workbench: Page,
  origin: string,
  options: { auto?: boolean; uv?: boolean; expiry?: '15' | '60' | '480' | '0' } = {},
): Promise<void> {
  await workbench.locator('#grant-origin').fill(origin);
  await workbench.locator('#grant-auto').setChecked(options.auto ?? true);
  await workbench.locator('#grant-uv').setChecked(options.uv ?? false);
  await workbench.locator('#grant-expiry').selectOption(options.expiry ?? '60');
  await workbench.getByRole('button', { name: 'Turn on' }).click();
  const pattern = origin.includes('://') ? new URL(origin).origin : origin;
  await expect(workbench.locator(`#grant-list li[data-pattern="${pattern}"]`)).toBeVisible();
}

export async function badgeText(context: BrowserContext): Promise<string> {
  const worker = await serviceWorker(context);
  return worker.evaluate(() => chrome.action.getBadgeText({}));
}

/** Whether a popup target (the prompt) is open. */
export async function popupOpen(_context: BrowserContext, page: Page): Promise<boolean> {
  const cdp = await helperSession(page);
  const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { url: string }[] };
  return targetInfos.some((t) => t.url.includes('/popup/popup.html'));
}
