/**
 * Issue 8: the vault's lifecycle. With a PIN, "Lock now" and the auto-lock alarm lock the vault; a
 * locked vault asks for the PIN in the prompt before it signs, even where the site does not ask for
 * user verification.
 */
import type { Page } from '@playwright/test';
import { openPopupTab } from './demo-site.ts';
import { approve, expect, prompt, test } from './fixtures.ts';
import { approved, create, get, openBlankPage } from './webauthn-calls.ts';

test.beforeEach(openBlankPage);

const locked = (popup: Page) =>
  popup.evaluate(() =>
    chrome.runtime.sendMessage({ name: 'settings/get', payload: {} }).then((s) => s.locked),
  );

test('Lock now locks; the next sign-in asks for the PIN, though the site asks for no verification', async ({
  page,
  context,
  extension,
}) => {
  const reg = await approved(context, page, create(page, { userVerification: 'discouraged' }));
  const popup = await openPopupTab(context, extension, 'Settings');
  await popup.getByLabel('New PIN', { exact: true }).fill('1357');
  await popup.getByLabel('Confirm new PIN', { exact: true }).fill('1357');
  await popup.getByRole('button', { name: 'Set PIN' }).click();
  await expect(popup.locator('#lock-state')).toHaveText('Unlocked.');
  await popup.getByRole('button', { name: 'Lock now' }).click();
  await expect(popup.locator('#lock-state')).toContainText('Locked');
  await popup.close();

  await page.bringToFront();
  const signed = get(page, { allowIds: [reg.id], userVerification: 'discouraged' });
  const ask = await prompt(context, page);
  expect(await ask.evaluate(() => Boolean(document.querySelector('#pin')))).toBe(true);
  await ask.detach();
  await approve(context, page, { pin: '1357' });
  expect((await signed).ok).toBe(true);
});

test('the auto-lock alarm locks the vault after the time without use', async ({
  page,
  context,
  extension,
}) => {
  await approved(context, page, create(page));
  const popup = await openPopupTab(context, extension, 'Settings');
  await popup.getByLabel('New PIN', { exact: true }).fill('1357');
  await popup.getByLabel('Confirm new PIN', { exact: true }).fill('1357');
  await popup.getByRole('button', { name: 'Set PIN' }).click();
  await popup.getByLabel('Lock when not used').selectOption('1');
  expect(await locked(popup)).toBe(false);
  // The alarm Tapkey armed, brought forward (unpacked extensions' alarms are not throttled).
  const armed = await popup.evaluate(() => chrome.alarms.get('tapkey-auto-lock'));
  expect(armed?.scheduledTime).toBeGreaterThan(Date.now() + 50_000);
  await popup.evaluate(() => chrome.alarms.create('tapkey-auto-lock', { when: Date.now() + 200 }));
  await expect.poll(() => locked(popup), { timeout: 10_000 }).toBe(true);
});
