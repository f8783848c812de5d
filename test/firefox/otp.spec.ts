/**
 * Authenticator codes in Firefox: on an AWS-style MFA enrolment page, the toolbar popup scans the QR
 * code (tabs.captureVisibleTab, allowed by the activeTab the click grants) and fills two consecutive
 * codes (scripting.executeScript), which the demo server verifies.
 */
import { expect, test } from 'vitest';
import type { DemoServer } from '../../demo/server.ts';
import { eachTestFirefox, type Firefox, until } from './firefox.ts';
import { ToolbarPopup } from './toolbar-popup.ts';

let firefox: Firefox;
let server: DemoServer;

eachTestFirefox((f, s) => {
  firefox = f;
  server = s;
});

const value = (selector: string) =>
  firefox.page.evaluate((s) => document.querySelector<HTMLInputElement>(s)?.value ?? '', selector);

/** Opens the MFA enrolment page and the toolbar popup on it, and adds its account by scanning. */
async function scanEnrolmentQr(): Promise<ToolbarPopup> {
  const { page } = firefox;
  await page.goto(`${server.url}/mfa`);
  await page.waitForSelector('img#qr');
  await until(
    () => page.evaluate(() => document.querySelector<HTMLImageElement>('img#qr')?.complete ?? false),
    'the QR code image',
  );
  const popup = await ToolbarPopup.open(firefox, page);
  // No accounts yet: the Codes tab opens on the add panel.
  await popup.click('#scan-qr');
  await popup.waitFor('#otp-list li .code');
  return popup;
}

test('AWS-style MFA enrolment: scan the QR code, fill two consecutive codes, verified by the server', async () => {
  const { page } = firefox;
  const popup = await scanEnrolmentQr();
  const name = await popup.text('#otp-list li .otp-name');
  expect(name).toContain('TapkeyDemo');
  expect(name).toContain('alice@example.com');
  const codes = await popup.evaluate(
    (doc) => ({
      current: (doc.querySelector('#otp-list li .code')?.textContent ?? '').replace(/\s/g, ''),
      next: (doc.querySelector('#otp-list li .next-code')?.textContent ?? '').replace(/\s/g, ''),
    }),
    null,
  );
  expect(codes.current).toMatch(/^\d{6}$/);
  expect(codes.next).toMatch(/^\d{6}$/);

  await popup.click('#otp-list li .otp-fill');
  await until(
    async () => /^\d{6}$/.test(await value('#code1')) && /^\d{6}$/.test(await value('#code2')),
    'both codes filled',
  );
  expect(await value('#code1')).not.toBe(await value('#code2'));
  await page.click('#assign');
  await until(
    () => page.evaluate(() => document.querySelector<HTMLElement>('#mfa-result')?.dataset.status === 'ok'),
    'the server to accept both codes',
  );
  expect(await page.evaluate(() => document.querySelector('#mfa-result')?.textContent)).toBeTruthy();
});

/** The clipboard as the browser holds it, read from its chrome window (no page may read it unasked). */
const clipboard = () => firefox.chrome<string>('return navigator.clipboard.readText();');

/**
 * Firefox has no offscreen documents: the background page clears the clipboard itself, on an alarm
 * 30 s after the copy. The test brings the alarm forward rather than wait for it.
 */
test('a copied code is cleared from the clipboard by the background page', async () => {
  const popup = await scanEnrolmentQr();
  const code = (await popup.text('#otp-list li .code')).replace(/\s/g, '');
  const copiedAt = Date.now();
  await popup.click('#otp-list li .otp-code');
  await until(async () => (await clipboard()) === code, 'the code on the clipboard');

  type Alarm = { scheduledTime: number } | undefined;
  const alarm = () => popup.inExtension<Alarm>("chrome.alarms.get('tapkey-clear-clipboard')");
  await until(async () => (await alarm()) !== undefined, 'the clearing alarm');
  const scheduled = (await alarm())!.scheduledTime - copiedAt;
  expect(scheduled).toBeGreaterThan(25_000);
  expect(scheduled).toBeLessThan(35_000);

  await popup.inExtension("chrome.alarms.create('tapkey-clear-clipboard', { when: Date.now() })");
  await until(async () => !/\d/.test(await clipboard()), 'the clipboard to be cleared');
  expect(await clipboard()).not.toContain(code);
});
