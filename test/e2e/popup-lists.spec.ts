/** The popup when nothing waits: passkeys grouped by site, delete with confirmation, settings. */
import { openPopupTab } from './demo-site.ts';
import { approve, expect, storedCredentialCount, test } from './fixtures.ts';
import { approved, create, get, openBlankPage } from './webauthn-calls.ts';

test('settings: set a PIN, then change it only with the current one', async ({ context, extension }) => {
  const popup = await openPopupTab(context, extension, 'Settings');
  await popup.getByLabel('New PIN', { exact: true }).fill('1357');
  await popup.getByLabel('Confirm new PIN', { exact: true }).fill('1357');
  await popup.getByRole('button', { name: 'Set PIN' }).click();
  await expect(popup.getByRole('heading', { name: 'Change PIN' })).toBeVisible();

  await popup.getByLabel('Current PIN', { exact: true }).fill('0000');
  await popup.getByLabel('New PIN', { exact: true }).fill('2468');
  await popup.getByLabel('Confirm new PIN', { exact: true }).fill('2468');
  await popup.getByRole('button', { name: 'Change PIN' }).click();
  await expect(popup.getByRole('form', { name: 'Change PIN' }).getByRole('status')).toHaveText(
    'Wrong PIN; 7 attempts left.',
  );
});

test.describe('with a page of the demo site open', () => {
  test.beforeEach(openBlankPage);

  test('passkeys are listed by site with counter, and deleted only after confirming', async ({
    page,
    context,
    extension,
  }) => {
    const reg = await approved(context, page, create(page, { userName: 'dana' }));
    const signed = get(page, { allowIds: [reg.id] });
    await approve(context, page);
    expect((await signed).ok).toBe(true);

    const popup = await openPopupTab(context, extension, 'Passkeys');
    const site = popup.getByRole('region', { name: 'localhost' });
    const item = site.getByRole('listitem', { name: 'dana on localhost' });
    await expect(item).toContainText('Counter1');
    await expect(item).toContainText('ES256, discoverable');

    await item.getByRole('button', { name: 'Delete passkey dana on localhost' }).click();
    await item.getByRole('button', { name: 'Keep' }).click();
    expect(await storedCredentialCount(context)).toBe(1);
    await item.getByRole('button', { name: 'Delete passkey dana on localhost' }).click();
    await item.getByRole('button', { name: 'Delete for good' }).click();
    await expect(popup.getByText('No passkeys yet.')).toBeVisible();
    expect(await storedCredentialCount(context)).toBe(0);
  });

  test('reset erases every passkey after a typed confirmation', async ({ page, context, extension }) => {
    const made = create(page);
    await approve(context, page);
    expect((await made).ok).toBe(true);
    const popup = await openPopupTab(context, extension, 'Settings');
    await popup.getByRole('button', { name: 'Erase everything' }).click();
    expect(await storedCredentialCount(context)).toBe(1);
    await popup.getByLabel('Type RESET to confirm').fill('RESET');
    await popup.getByRole('button', { name: 'Erase everything' }).click();
    await expect(popup.getByText('Tapkey was reset.')).toBeVisible();
    expect(await storedCredentialCount(context)).toBe(0);
  });
});
