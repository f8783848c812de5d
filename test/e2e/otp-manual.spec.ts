import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { encodeBase32 } from '../../src/totp/base32.ts';
import { expect, oathtool, test } from './otp-fixtures.ts';

/** Reads the row's current and next code, and the time they were read at. */
async function readRow(page: Page, issuer: string) {
  const row = page.getByRole('listitem', { name: new RegExp(issuer) });
  await expect(row.locator('.code')).toHaveText(/^\S+ \S+$/);
  const current = (await row.locator('.code').textContent())!.replace(/\s/g, '');
  const next = (await row.locator('.next-code').textContent())!.replace(/\s/g, '');
  return { current, next, at: Math.floor(Date.now() / 1000) };
}

async function addManually(
  page: Page,
  fields: {
    issuer: string;
    account: string;
    secret: string;
    algorithm?: string;
    digits?: string;
    period?: string;
  },
) {
  const details = page.locator('#manual-details');
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open)))
    await details.locator('> summary').click();
  await page.getByLabel('Issuer (site or company)').fill(fields.issuer);
  await page.getByLabel('Account name').fill(fields.account);
  await page.getByLabel('Setup key (secret)').fill(fields.secret);
  if (fields.algorithm || fields.digits || fields.period) {
    await page.locator('#manual-details details summary').click();
    if (fields.algorithm) await page.getByLabel('Algorithm').selectOption(fields.algorithm);
    if (fields.digits) await page.getByLabel('Digits').selectOption(fields.digits);
    if (fields.period) await page.getByLabel('Period (seconds)').fill(fields.period);
  }
  await page.locator('#manual-add').click();
  await expect(page.locator('#codes-status')).toContainText('Added 1 account');
}

test('manual entry: the popup shows the codes oathtool makes, now and next', async ({ page, extension }) => {
  oathtool(['--version']);
  const secret = encodeBase32(randomBytes(20));
  const secret256 = encodeBase32(randomBytes(32));
  await page.goto(`chrome-extension://${extension}/popup/popup.html?stay=1`);
  // Typed as people copy setup keys: lower case, in groups of four.
  await addManually(page, {
    issuer: 'Oath',
    account: 'bob@example.com',
    secret: secret.toLowerCase().replace(/(.{4})/g, '$1 '),
  });
  await page.getByRole('button', { name: '+ Add' }).click();
  await addManually(page, {
    issuer: 'Wide',
    account: 'carol',
    secret: secret256,
    algorithm: 'SHA256',
    digits: '8',
    period: '60',
  });

  for (const [issuer, args, period] of [
    ['Oath', ['--totp', '-b', secret], 30],
    ['Wide', ['--totp=sha256', '--digits=8', '--time-step-size=60s', '-b', secret256], 60],
  ] as const) {
    // Read until the popup's codes belong to the time step the read happened in: a step may end
    // between reading the popup and running oathtool, and the popup redraws a moment after it ends.
    // Codes that are wrong stay wrong for the whole 10 s (less than one step): the poll fails.
    const mismatch = async () => {
      const before = Math.floor(Date.now() / 1000);
      const shown = await readRow(page, issuer);
      if (Math.floor(before / period) !== Math.floor(shown.at / period)) return 'a step ended while reading';
      const now = oathtool([...args, `--now=@${shown.at}`]);
      const next = oathtool([...args, `--now=@${shown.at + period}`]);
      return shown.current === now && shown.next === next
        ? ''
        : `shown ${shown.current} / ${shown.next}, oathtool ${now} / ${next}`;
    };
    await expect
      .poll(mismatch, {
        message: `${issuer}: the popup's codes equal oathtool's`,
        timeout: 10_000,
      })
      .toBe('');
  }
});

test('manual entry explains a bad setup key', async ({ page, extension }) => {
  await page.goto(`chrome-extension://${extension}/popup/popup.html?stay=1`);
  await page.locator('#manual-details > summary').click();
  await page.getByLabel('Issuer (site or company)').fill('Bad');
  await page.getByLabel('Setup key (secret)').fill('not base32!');
  await page.locator('#manual-add').click();
  await expect(page.locator('#manual-secret-error')).toContainText(/setup key/i);
  await expect(page.locator('#otp-list')).toHaveCount(0);
});
