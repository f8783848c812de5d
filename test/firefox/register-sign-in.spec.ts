/** Passkeys in Firefox: the demo relying party registers and signs in through the real prompt window. */
import { expect, test } from 'vitest';
import type { DemoServer } from '../../demo/server.ts';
import { eachTestFirefox, type Firefox, until } from './firefox.ts';
import { approve, Prompt } from './prompt.ts';

let firefox: Firefox;
let server: DemoServer;

eachTestFirefox((f, s) => {
  firefox = f;
  server = s;
});

/** The demo page's outcome once it has one: its status and the server's verdict as text. */
async function result(): Promise<{ status: string; text: string }> {
  const read = () =>
    firefox.page.evaluate(() => {
      const out = document.querySelector<HTMLElement>('#result');
      return { status: out?.dataset.status ?? '', text: out?.textContent ?? '' };
    });
  await until(async () => ['ok', 'error'].includes((await read()).status), 'the demo page’s result');
  return read();
}

test('register and sign in on the demo relying party, verified by its server', async () => {
  const { page, browser } = firefox;
  await page.goto(server.url);
  await page.locator('#username').fill('alice');
  await page.click('#register');
  const prompt = await Prompt.waitFor(browser);
  expect(await prompt.text('.site .origin')).toBe(server.url);
  expect(await prompt.text('#prompt-title')).toBe('localhost wants to create a passkey for alice');
  await prompt.approve();
  const registered = await result();
  expect(registered.status).toBe('ok');
  expect(registered.text).toContain('"verified": true');

  await page.evaluate(() => document.querySelector('#result')?.removeAttribute('data-status'));
  await page.click('#sign-in');
  await approve(browser);
  const signedIn = await result();
  expect(signedIn.status).toBe('ok');
  expect(signedIn.text).toContain('"newCounter": 1');
});
