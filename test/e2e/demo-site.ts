/** Steps on the demo relying party's own page (register, sign in) and on Tapkey's popup page in a tab. */
import type { BrowserContext, Page } from '@playwright/test';
import { approve, expect, prompt } from './fixtures.ts';

/**
 * Registers `userName` on the demo site, approving in the real popup: on the page already open, or at
 * `siteUrl` first.
 */
export async function registerOnDemo(
  page: Page,
  context: BrowserContext,
  userName: string,
  siteUrl?: string,
): Promise<void> {
  if (siteUrl) await page.goto(siteUrl);
  await page.getByLabel('Username').fill(userName);
  await page.getByRole('button', { name: 'Register' }).click();
  await (await prompt(context, page)).click('#approve');
  await expect(page.locator('#result')).toContainText('"verified": true');
}

/** Signs in on the demo site; returns the counter its server stored (`newCounter`). */
export async function signInOnDemo(page: Page, context: BrowserContext): Promise<number> {
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await approve(context, page);
  await expect(page.locator('#result')).toHaveAttribute('data-status', 'ok');
  return Number(/"newCounter": (\d+)/.exec((await page.locator('#result').textContent()) ?? '')?.[1]);
}

/** Tapkey's popup page in a tab of its own (it stays open), on `tab` if given. */
export async function openPopupTab(
  context: BrowserContext,
  extension: string,
  tab?: 'Codes' | 'Passkeys' | 'Settings',
): Promise<Page> {
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extension}/popup/popup.html?stay=1`);
  if (tab) await popup.getByRole('tab', { name: tab }).click();
  return popup;
}
