import { clickToolbarButton, expect, rowCodes, test, textContaining } from './otp-fixtures.ts';

test('HOTP: add from the pasted otpauth:// link, next code, fill, verified; the counter is stored', async ({
  page,
  context,
  server,
  extension,
}) => {
  await page.goto(`${server.url}/hotp`);
  const uri = await page.locator('img#qr').getAttribute('data-otpauth');
  expect(uri).toMatch(/^otpauth:\/\/hotp\//);

  let popup = await clickToolbarButton(context, page, extension);
  await popup.evaluate(() => {
    for (const d of document.querySelectorAll('details.add-more')) (d as HTMLDetailsElement).open = true;
  });
  await popup.fill('#otp-paste', `${uri}\n`);
  await popup.click('#paste-add');
  await textContaining(popup, '#codes-status', 'Added 1 account');
  await textContaining(popup, '#otp-list li .otp-counter', 'Counter 0');
  const first = (await rowCodes(popup, 'TapkeyDemo')).current;
  expect(first).toMatch(/^\d{6}$/);

  await popup.clickButton('Next code for TapkeyDemo: alice@example.com');
  await textContaining(popup, '#otp-list li .otp-counter', 'Counter 1');
  const second = (await rowCodes(popup, 'TapkeyDemo')).current;
  expect(second).not.toBe(first);

  await popup.clickButton('Fill code for TapkeyDemo: alice@example.com');
  await expect(page.locator('#code')).toHaveValue(second);
  await popup.close();
  await page.locator('#verify').click();
  await expect(page.locator('#hotp-result')).toHaveAttribute('data-status', 'ok');
  await expect(page.locator('#hotp-result')).toContainText('counter 1');

  // Reopened, the popup shows the stored counter's code; the next one moves on again.
  popup = await clickToolbarButton(context, page, extension);
  await textContaining(popup, '#otp-list li .otp-counter', 'Counter 1');
  expect((await rowCodes(popup, 'TapkeyDemo')).current).toBe(second);
  await popup.clickButton('Next code for TapkeyDemo: alice@example.com');
  await textContaining(popup, '#otp-list li .otp-counter', 'Counter 2');
  const third = (await rowCodes(popup, 'TapkeyDemo')).current;
  expect(third).not.toBe(second);
  await popup.close();
});
