/**
 * Passkey autofill (mediation "conditional") in Firefox: the list is an extension page the relay
 * frames under the page's webauthn field; choosing the passkey signs in, verified by the server.
 */
import type { Frame } from 'puppeteer-core';
import { expect, test } from 'vitest';
import type { DemoServer } from '../../demo/server.ts';
import { EXTENSION_ORIGIN, eachTestFirefox, type Firefox, focusBrowserWindow, until } from './firefox.ts';
import { approve } from './prompt.ts';

let firefox: Firefox;
let server: DemoServer;

eachTestFirefox((f, s) => {
  firefox = f;
  server = s;
});

const status = () =>
  firefox.page.evaluate(() => document.querySelector<HTMLElement>('#result')?.dataset.status ?? '');

/** The offer list's frame (BiDi may name it about:blank: asked where it is). */
async function offerFrame(): Promise<Frame> {
  let found: Frame | undefined;
  await until(async () => {
    for (const frame of firefox.page.frames()) {
      const url = await frame.evaluate(() => location.href).catch(() => '');
      if (url.startsWith(`${EXTENSION_ORIGIN}/offer/offer.html`)) found = frame;
    }
    // Entries are armed once the list has been fully visible for a moment (clickjacking guard).
    return found !== undefined && (await found.$('li button.entry[aria-disabled="false"]')) !== null;
  }, 'the armed passkey list under the field');
  return found!;
}

test('offers the passkey under the username field; choosing it signs in', async () => {
  const { page, browser } = firefox;
  await page.goto(server.url);
  await page.locator('#username').fill('alice');
  await page.click('#register');
  await approve(browser);
  await until(async () => (await status()) === 'ok', 'the registration');

  await page.goto(`${server.url}/autofill.html`);
  await until(async () => (await status()) === 'waiting', 'the pending conditional request');
  await focusBrowserWindow(firefox);
  await page.click('#username');
  const frame = await offerFrame();
  const entry = await frame.$('li button.entry');
  expect(await entry?.evaluate((b) => b.textContent)).toContain('alice');
  await entry!.click();
  await until(async () => (await status()) === 'ok', 'the sign-in');
  expect(await page.evaluate(() => document.querySelector('#result')?.textContent)).toContain(
    '"verified": true',
  );
  expect(await page.evaluate(() => document.querySelector<HTMLInputElement>('#username')?.value)).toBe(
    'alice',
  );
});
