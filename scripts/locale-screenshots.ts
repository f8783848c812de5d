/**
 * `npm run screenshots:locales`: the approval prompt in every language Tapkey speaks, for a person to
 * look at (text that does not fit, a right-to-left layout that did not mirror). For each catalogue
 * in public/_locales it starts Debian's Chromium (CHROMIUM_PATH overrides) with the built extension
 * and `--lang`, registers on the demo relying party, and saves the prompt as
 * reports/screenshots/prompt-<locale>-create.png, then signs in and saves …-sign-in.png.
 * Not a test: it asserts only that the prompt came up in the language asked for.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { startDemoServer } from '../demo/server.ts';
import { chromiumPath, DIST, newProfileDir } from '../test/e2e/browser.ts';
import { PopupDriver, PopupGone } from '../test/e2e/popup-driver.ts';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'reports/screenshots');
const LOCALES = readdirSync(join(ROOT, 'public/_locales')).sort();

/** Opens the prompt window's popup once it shows an armed prompt, and saves it as `name`. */
async function capture(page: Page, name: string): Promise<PopupDriver> {
  const end = Date.now() + 20_000;
  let popup: PopupDriver;
  for (;;) {
    // The window of the prompt answered a moment ago may still be closing: skip it, as fixtures.ts does.
    popup = await PopupDriver.waitFor(page.context(), page, 15_000);
    try {
      await popup.waitFor('section.prompt[data-armed]', 3_000);
      break;
    } catch (e) {
      await popup.detach();
      if (!(e instanceof PopupGone || String(e).includes('did not appear')) || Date.now() > end) throw e;
    }
  }
  // Fonts and the site icon settle within a frame or two of the prompt arming.
  await popup.evaluate(() => document.fonts.ready.then(() => undefined));
  // Only the prompt: a headless prompt window is as wide as a screen, and right to left it sits on
  // the right-hand side of it.
  const clip = await popup.evaluate(() => {
    const box = document.querySelector('section.prompt')!.getBoundingClientRect();
    const x = Math.max(0, box.left - 16);
    return { x, y: 0, width: Math.min(innerWidth - x, box.width + 32), height: box.bottom + 16 };
  });
  writeFileSync(join(OUT, name), await popup.screenshot(clip));
  return popup;
}

async function shoot(locale: string, url: string): Promise<string> {
  const bcp47 = locale.replace('_', '-');
  const profile = newProfileDir();
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    locale: bcp47,
    // Chromium on Linux takes its UI language (chrome.i18n's) from --lang and LANGUAGE.
    env: { ...process.env, LANGUAGE: locale, LANG: `${locale}.UTF-8` },
    args: [
      `--disable-extensions-except=${DIST}`,
      `--load-extension=${DIST}`,
      '--disable-features=DisableLoadExtensionCommandLineSwitch',
      `--lang=${bcp47}`,
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
    ],
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url);
    await page.getByLabel('Username').fill('alice@example.com');
    await page.getByRole('button', { name: 'Register' }).click();
    const create = await capture(page, `prompt-${locale}-create.png`);
    const shown = await create.evaluate(
      () => `${document.documentElement.lang} ${document.documentElement.dir}`,
    );
    await create.click('#approve');
    await create.detach();
    await page.locator('#result[data-status="ok"]').waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const signIn = await capture(page, `prompt-${locale}-sign-in.png`);
    await signIn.click('#approve');
    await signIn.detach();
    return shown;
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

mkdirSync(OUT, { recursive: true });
const server = await startDemoServer({ port: 0 });
try {
  for (const locale of LOCALES) {
    const shown = await shoot(locale, server.url);
    const expected = locale.replace('_', '-');
    console.log(`${locale}: lang/dir ${shown} → reports/screenshots/prompt-${locale}-{create,sign-in}.png`);
    if (!shown.startsWith(`${expected} `)) {
      throw new Error(
        `${locale}: the prompt came up as "${shown}", not in ${expected} (is --lang honoured?)`,
      );
    }
  }
} finally {
  await server.close();
}
