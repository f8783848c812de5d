import { clickToolbarButton, expect, rowCodes, test, textContaining } from './otp-fixtures.ts';

test('AWS-style MFA enrolment: scan the QR code, fill two consecutive codes, verified by the server', async ({
  page,
  context,
  server,
  extension,
}) => {
  await page.goto(`${server.url}/mfa`);
  await expect(page.locator('img#qr')).toBeVisible();
  const popup = await clickToolbarButton(context, page, extension);
  // No accounts yet: the Codes tab opens on the add panel.
  await popup.click('#scan-qr');
  await popup.waitFor('#otp-list li .code');
  await textContaining(popup, '#codes-status', 'Added 1 account');
  const name = await popup.text('#otp-list li .otp-name');
  expect(name).toContain('TapkeyDemo');
  expect(name).toContain('alice@example.com');
  const codes = await rowCodes(popup, 'TapkeyDemo');
  expect(codes.current).toMatch(/^\d{6}$/);
  expect(codes.next).toMatch(/^\d{6}$/);
  expect(codes.next).not.toBe(codes.current);

  await popup.clickButton('Fill code for TapkeyDemo: alice@example.com');
  await expect(page.locator('#code1')).toHaveValue(/^\d{6}$/);
  await expect(page.locator('#code2')).toHaveValue(/^\d{6}$/);
  await textContaining(popup, '#codes-status', 'Filled this code and the next one');
  await popup.close();
  await page.locator('#assign').click();
  await expect(page.locator('#mfa-result')).toHaveAttribute('data-status', 'ok');
});

test('scanning a page without a QR code says so', async ({ page, context, server, extension }) => {
  await page.goto(`${server.url}/pages/blank.html`);
  const popup = await clickToolbarButton(context, page, extension);
  await popup.click('#scan-qr');
  await textContaining(popup, '#add-error', 'No QR code found on this page');
  await popup.close();
});
