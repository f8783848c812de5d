import { approve, expect, prompt, test } from './fixtures.ts';

test('register and sign in on the demo relying party, verified by its server', async ({
  page,
  context,
  server,
}) => {
  await page.goto(server.url);
  await page.getByLabel('Username').fill('alice');
  await page.getByRole('button', { name: 'Register' }).click();
  const popup = await prompt(context, page);
  expect(await popup.text('.site .origin')).toBe(server.url);
  expect(await popup.text('#prompt-title')).toBe('localhost wants to create a passkey for alice');
  await popup.click('#approve');
  await expect(page.locator('#result')).toHaveAttribute('data-status', 'ok');
  await expect(page.locator('#result')).toContainText('"verified": true');

  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await approve(context, page);
  await expect(page.locator('#result')).toHaveAttribute('data-status', 'ok');
  await expect(page.locator('#result')).toContainText('"newCounter": 1');
});
