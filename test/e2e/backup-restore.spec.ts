/**
 * Issue 8: back up everything through the real popup, erase everything (Reset), restore, then sign in
 * with a passkey made before the backup (its counter past any the site saw) and read a code that
 * matches oathtool's.
 */
import { readFileSync } from 'node:fs';
import { openPopupTab, registerOnDemo, signInOnDemo } from './demo-site.ts';
import { expect, test } from './fixtures.ts';
import { oathtool } from './otp-fixtures.ts';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const PASSPHRASE = 'a long backup passphrase';

test('back up, reset, restore: the old passkey signs in past its counter, the code matches oathtool', async ({
  page,
  context,
  server,
  extension,
}) => {
  await registerOnDemo(page, context, 'alice', server.url);
  expect(await signInOnDemo(page, context)).toBe(1);

  const popup = await openPopupTab(context, extension);
  const added = await popup.evaluate(
    (secret) =>
      chrome.runtime.sendMessage({
        name: 'otp/add',
        payload: {
          accounts: [
            {
              kind: 'totp',
              issuer: 'Backup Test',
              accountName: 'alice',
              secret,
              algorithm: 'SHA1',
              digits: 6,
              period: 30,
              counter: 0,
              extra: {},
            },
          ],
          onDuplicate: 'ask',
        },
      }),
    SECRET,
  );
  expect(added).toMatchObject({ ok: true, added: 1 });

  // Passkeys: the popup says no backup exists yet.
  await popup.getByRole('tab', { name: 'Passkeys' }).click();
  await expect(popup.locator('#protection-notice')).toContainText('not backed up yet');

  await popup.getByRole('tab', { name: 'Settings' }).click();
  await expect(popup.locator('#backup-state')).toContainText('No backup yet');
  await popup.getByLabel('Passphrase for the file (10 characters or more)', { exact: true }).fill(PASSPHRASE);
  await popup.getByLabel('Passphrase again', { exact: true }).fill(PASSPHRASE);
  const downloading = popup.waitForEvent('download');
  await popup.getByRole('button', { name: 'Download backup' }).click();
  const file = await (await downloading).path();
  const text = readFileSync(file, 'utf8');
  expect(JSON.parse(text)).toMatchObject({ format: 'tapkey-backup', version: 1 });
  expect(text).not.toContain(SECRET);
  await expect(popup.locator('#backup-state')).toContainText('Last backup:');

  await popup.getByLabel('Type RESET to confirm').fill('RESET');
  await popup.getByRole('button', { name: 'Erase everything' }).click();
  await expect(popup.getByText('Tapkey was reset.')).toBeVisible();

  // A wrong passphrase changes nothing and says so.
  await popup.getByLabel('Backup file').setInputFiles(file);
  await popup.getByLabel('Passphrase of the file', { exact: true }).fill('not the passphrase');
  await popup.getByRole('button', { name: 'Open backup' }).click();
  await expect(popup.locator('#restore-status')).toHaveText('Wrong passphrase for this backup.');

  await popup.getByLabel('Passphrase of the file', { exact: true }).fill(PASSPHRASE);
  await popup.getByRole('button', { name: 'Open backup' }).click();
  await expect(popup.locator('#restore-plan')).toContainText('1 passkey, 1 code account');
  await popup.getByRole('button', { name: 'Restore' }).click();
  await expect(popup.locator('#restore-status')).toContainText('1 passkey restored, 1 code account added');

  // The passkey made before the backup signs in; its counter moved past any the site could have seen.
  await page.bringToFront();
  expect(await signInOnDemo(page, context)).toBeGreaterThan(100_000_000);

  await popup.bringToFront();
  await popup.getByRole('tab', { name: 'Codes' }).click();
  const row = popup.getByRole('listitem', { name: /Backup Test/ });
  await expect(row.locator('.code')).toHaveText(/^\d{3} \d{3}$/);
  const shown = (await row.locator('.code').textContent())!.replace(/\s/g, '');
  const now = Math.floor(Date.now() / 1000);
  const expected = [now - 30, now, now + 30].map((t) => oathtool(['--totp', '-b', SECRET, `--now=@${t}`]));
  expect(expected).toContain(shown);
});

test('Credential Exchange: a never-used passkey moves, a used one stays with its reason', async ({
  page,
  context,
  server,
  extension,
}) => {
  await registerOnDemo(page, context, 'fresh', server.url);
  await registerOnDemo(page, context, 'used');
  expect(await signInOnDemo(page, context)).toBe(1);

  const popup = await openPopupTab(context, extension);
  await popup.getByRole('tab', { name: 'Settings' }).click();
  await popup.getByText('Move to or from another app (Credential Exchange)').click();
  const downloading = popup.waitForEvent('download');
  await popup.getByRole('button', { name: 'Export CXF file' }).click();
  const file = await (await downloading).path();
  await expect(popup.locator('#cxf-status')).toContainText('Exported 1 passkey');
  await expect(popup.locator('#cxf-left-out')).toContainText('used');
  await expect(popup.locator('#cxf-left-out')).toContainText(/counter/i);

  await popup.getByLabel('Type RESET to confirm').fill('RESET');
  await popup.getByRole('button', { name: 'Erase everything' }).click();
  await expect(popup.getByText('Tapkey was reset.')).toBeVisible();
  await popup.getByText('Move to or from another app (Credential Exchange)').click();
  await popup.getByLabel('CXF file to import').setInputFiles(file);
  await popup.getByRole('button', { name: 'Import CXF file' }).click();
  await expect(popup.locator('#cxf-status')).toContainText('Imported 1 passkey');

  // The moved passkey signs in on the site; it starts again at counter zero, as CXF requires.
  await page.bringToFront();
  await page.getByLabel('Username').fill('fresh');
  expect(await signInOnDemo(page, context)).toBe(1);
});
