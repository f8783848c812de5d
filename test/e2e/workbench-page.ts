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

/** Sets a fault for a listed origin through the workbench's own form (value: a fault-spec.ts type). */
export async function setFault(
  workbench: Page,
  origin: string,
  fault: { type: string; on?: 'both' | 'create' | 'get'; error?: string; ms?: number; by?: number },
): Promise<void> {
  const pattern = origin.includes('://') ? new URL(origin).origin : origin;
  await workbench.locator('#fault-origin').selectOption(pattern);
  await workbench.locator('#fault-type').selectOption(fault.type);
  if (fault.error) await workbench.locator('#fault-error').selectOption(fault.error);
  if (fault.ms !== undefined) await workbench.locator('#fault-delay').fill(String(fault.ms));
  if (fault.by !== undefined) await workbench.locator('#fault-rollback').fill(String(fault.by));
  await workbench.locator('#fault-on').selectOption(fault.on ?? 'both');
  await workbench.getByRole('button', { name: 'Set fault' }).click();
  await expect(workbench.locator('#fault-status')).not.toHaveClass(/error/);
  await expect(workbench.locator('#fault-status')).toContainText(fault.type ? 'Fault on' : 'No fault');
}

/** Sets a listed origin's authenticator profile from a preset (profile-setting.ts key), through the form. */
export async function setProfile(workbench: Page, origin: string, preset: string): Promise<void> {
  const pattern = origin.includes('://') ? new URL(origin).origin : origin;
  await workbench.locator('#profile-origin').selectOption(pattern);
  await workbench.locator('#profile-preset').selectOption(preset);
  await workbench.getByRole('button', { name: 'Set profile' }).click();
  await expect(workbench.locator('#profile-status')).toContainText('now meets the profile');
}
