import { readFileSync } from 'node:fs';
import { clickToolbarButton, expect, test, textContaining } from './otp-fixtures.ts';

const URIS = [
  'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub',
  'otpauth://hotp/Example:bob?secret=GEZDGNBVGY3TQOJQ&issuer=Example&counter=5',
];

test('backup: export Aegis JSON, delete, import with a duplicate skipped; Google QR codes shown', async ({
  page,
  extension,
}) => {
  await page.goto(`chrome-extension://${extension}/popup/popup.html?stay=1`);
  await page.locator('#add-panel details.add-more > summary').first().click();
  await page.locator('#otp-paste').fill(URIS.join('\n'));
  await page.locator('#paste-add').click();
  // Two separate otpauth:// links: the user picks (both are ticked).
  await expect(page.getByRole('group', { name: '2 accounts found: choose which to add' })).toBeVisible();
  await page.locator('#pick-add').click();
  await expect(page.locator('#codes-status')).toContainText('Added 2 accounts');
  await expect(page.getByRole('listitem', { name: /GitHub/ })).toBeVisible();
  await expect(page.getByRole('listitem', { name: /Example/ })).toBeVisible();

  await page.locator('#backup-details > summary').click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('#export-aegis').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^tapkey-aegis-.*\.json$/);
  const file = await download.path();
  const aegis = JSON.parse(readFileSync(file, 'utf8')) as { db: { entries: { issuer: string }[] } };
  expect(aegis.db.entries.map((e) => e.issuer)).toEqual(['GitHub', 'Example']);

  await page.getByRole('button', { name: 'More actions for GitHub: alice' }).click();
  await page.getByRole('button', { name: 'Delete GitHub: alice' }).click();
  await expect(page.getByRole('alertdialog')).toContainText('Delete GitHub: alice?');
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByRole('listitem', { name: /GitHub/ })).toHaveCount(0);

  await page.locator('#backup-details > summary').click();
  await page.locator('#backup-file').setInputFiles(file);
  await expect(page.getByRole('alertdialog')).toContainText('Example: bob: same secret as Example: bob');
  await page.locator('#dup-skip').click();
  await expect(page.locator('#codes-status')).toContainText('Imported 1 account; 1 skipped');
  await expect(page.getByRole('listitem', { name: /GitHub/ })).toBeVisible();
  // The HOTP counter came back with the account.
  await expect(page.getByRole('listitem', { name: /Example/ }).locator('.otp-counter')).toHaveText(
    'Counter 5',
  );

  await page.locator('#backup-details > summary').click();
  await page.locator('#export-google').click();
  await expect(page.locator('#migration-caption')).toHaveText('1 of 1');
  await expect(page.locator('#migration-img')).toHaveAttribute('src', /^data:image\/png/);
});

test('clock check compares with the server of the tab', async ({ page, context, server, extension }) => {
  await page.goto(`${server.url}/mfa`);
  const popup = await clickToolbarButton(context, page, extension);
  await popup.waitFor('#codes-status');
  await popup.evaluate(() => {
    (document.getElementById('clock-details') as HTMLDetailsElement).open = true;
  });
  await popup.click('#check-clock');
  await textContaining(popup, '#clock-result', 'agrees with http://localhost');
  await popup.close();
});

test('encrypted Aegis import asks for its password; with a PIN set, exporting asks for the PIN', async ({
  page,
  extension,
}) => {
  await page.goto(`chrome-extension://${extension}/popup/popup.html?stay=1`);
  // A PIN first (through the worker, as the Settings tab does).
  expect(
    await page.evaluate(() =>
      chrome.runtime.sendMessage({ name: 'settings/set-pin', payload: { newPin: '1357' } }),
    ),
  ).toEqual({ ok: true });

  await page.locator('#backup-details > summary').click();
  await page.locator('#backup-file').setInputFiles('test/fixtures/totp/aegis-encrypted.json');
  await page.getByRole('textbox', { name: 'Password of this Aegis backup' }).fill('not it');
  await page.getByRole('button', { name: 'Open backup' }).click();
  await expect(page.locator('#import-password-error')).toHaveText('Wrong password for this Aegis backup');
  await page.getByRole('textbox', { name: 'Password of this Aegis backup' }).fill('tapkey-test');
  await page.getByRole('button', { name: 'Open backup' }).click();
  await expect(page.locator('#codes-status')).toContainText(/Imported \d+ accounts/);

  await page.locator('#backup-details > summary').click();
  await page.locator('#export-aegis').click();
  await page.getByRole('textbox', { name: 'Your PIN, to export every secret' }).fill('0000');
  await page.getByRole('button', { name: 'Export' }).click();
  await expect(page.locator('#export-pin-error')).toHaveText('Wrong PIN; 7 attempts left.');
  await page.getByRole('textbox', { name: 'Your PIN, to export every secret' }).fill('1357');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^tapkey-aegis-.*\.json$/);
});

test('an odd entry is reported on its own line while the others are added', async ({ page, extension }) => {
  await page.goto(`chrome-extension://${extension}/popup/popup.html?stay=1`);
  const long = 'x'.repeat(1_100);
  const lines = [
    'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub',
    `otpauth://totp/${long}:bob?secret=GEZDGNBVGY3TQOJQ&issuer=${long}`,
    'otpauth://totp/GitLab:carol?secret=MFRGGZDFMZTWQ2LK&issuer=GitLab',
  ];
  await page.locator('#backup-details > summary').click();
  await page.locator('#backup-text').fill(lines.join('\n'));
  await page.locator('#import-text').click();
  const status = page.locator('#codes-status');
  await expect(status).toContainText('Imported 2 accounts; 1 skipped:');
  await expect(status).toContainText('bob: its issuer or account name is longer than 1,024 characters.');
  await expect(page.getByRole('listitem', { name: /GitHub/ })).toBeVisible();
  await expect(page.getByRole('listitem', { name: /GitLab/ })).toBeVisible();
});
