/**
 * Issue 8, defect 1: a code goes only where it belongs. An account scanned from a tab is bound to
 * that tab's site; a page with two unrelated code fields gets the current code, never the next one.
 */
import { clickToolbarButton, expect, test, textContaining } from './otp-fixtures.ts';

test('scanning binds the account to the site; two unrelated code fields never get the next code', async ({
  page,
  context,
  server,
  extension,
}) => {
  const enrolment = `${server.url}/mfa`;
  await page.goto(enrolment);
  let popup = await clickToolbarButton(context, page, extension);
  await popup.click('#scan-qr');
  await textContaining(popup, '#codes-status', 'Added 1 account');
  const sites = await popup.evaluate(() =>
    chrome.runtime.sendMessage({ name: 'otp/list', payload: {} }).then((r) => r.accounts[0].sites),
  );
  expect(sites).toEqual(['localhost']);
  await popup.close();

  await page.goto(`${server.url}/pages/two-codes.html`);
  popup = await clickToolbarButton(context, page, extension);
  const shown = () =>
    popup.evaluate(() =>
      (document.querySelector('#otp-list li .code')?.textContent ?? '').replace(/\s/g, ''),
    );
  await textContaining(popup, '#otp-list li .code', ' ');
  const before = await shown();
  await popup.click('#otp-list li .otp-fill');
  const after = await shown();
  await expect(page.locator('#otp')).toHaveValue(/^\d{6}$/);
  expect([before, after]).toContain(await page.locator('#otp').inputValue());
  await expect(page.locator('#recovery')).toHaveValue('');
});
