/**
 * Debian's Firefox ESR with the built add-on (dist-firefox/), driven by puppeteer-core over WebDriver
 * BiDi, fresh for each test. What Firefox does not show BiDi is reached as follows:
 * - the prompt window (`windows.create({ type: "popup" })`) is an ordinary top-level browsing
 *   context, listed with the URL about:blank, so it is found by asking each page where it is;
 * - the toolbar button is clicked from the browser's own chrome window (BiDi "chrome" scope, allowed
 *   by --remote-allow-system-access): `triggerAction` is what a click and the Alt+Shift+K shortcut
 *   call, and like them it grants activeTab (neither `action.openPopup()` nor a key press sent to
 *   the page does);
 * - the toolbar popup is not a browsing context at all: it is read through `extension.getViews()`
 *   from a helper tab holding one of the add-on's own pages (see toolbar-popup.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterEach, beforeEach } from 'vitest';
import { type DemoServer, startDemoServer } from '../../demo/server.ts';
import { GECKO_ID } from '../../scripts/build/firefox-manifest.ts';

const DIST = fileURLToPath(new URL('../../dist-firefox', import.meta.url));
export const FIREFOX = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
/**
 * The add-on's moz-extension:// host. Firefox picks a random one per profile; the pref pins it, so
 * the tests can tell the add-on's pages by URL.
 */
export const EXTENSION_UUID = '6f1a0b2c-3d4e-4f50-8a9b-0c1d2e3f4a5b';
export const EXTENSION_ORIGIN = `moz-extension://${EXTENSION_UUID}`;

/** The one BiDi call puppeteer has no API for: a script in the browser's chrome window. */
interface BidiConnection {
  send(method: string, params: object): Promise<{ result: unknown }>;
}

interface EvaluateResult {
  type: 'success' | 'exception';
  result?: { type: string; value?: unknown };
  exceptionDetails?: { text: string };
}

export interface Firefox {
  browser: Browser;
  /** The tab the test starts on. */
  page: Page;
  /** Runs `body` (an async function body) in the browser window's chrome scope; returns its JSON. */
  chrome<T>(body: string): Promise<T>;
  close(): Promise<void>;
}

export async function launchFirefox(): Promise<Firefox> {
  const profile = mkdtempSync(join(tmpdir(), 'tapkey-firefox-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    protocol: 'webDriverBiDi',
    userDataDir: profile,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
      // The cross-origin frame's host: resolve it without asking the network's DNS.
      'network.dns.localDomains': 'sub.localhost',
    },
  });
  try {
    // Awaited here: the `enableExtensions` launch option does not wait for its installs.
    await browser.installExtension(DIST);
    const page = (await browser.pages())[0] ?? (await browser.newPage());
    const connection = (browser as unknown as { connection: BidiConnection }).connection;
    const chrome = async <T>(body: string): Promise<T> => {
      const { result: tree } = (await connection.send('browsingContext.getTree', {
        'moz:scope': 'chrome',
        maxDepth: 0,
      })) as { result: { contexts: { context: string; url: string }[] } };
      const window = tree.contexts.find((c) => c.url === 'chrome://browser/content/browser.xhtml');
      if (!window) throw new Error('no Firefox browser window');
      const { result } = (await connection.send('script.evaluate', {
        target: { context: window.context },
        awaitPromise: true,
        resultOwnership: 'none',
        expression: `(async () => JSON.stringify(await (async () => { ${body} })()))()`,
      })) as { result: EvaluateResult };
      if (result.type === 'exception') throw new Error(`chrome scope: ${result.exceptionDetails?.text}`);
      const json = result.result?.value;
      return (typeof json === 'string' ? JSON.parse(json) : undefined) as T;
    };
    return {
      browser,
      page,
      chrome,
      async close() {
        await browser.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Gives the test's window the focus, as a user's click into it would. Headless Firefox starts without
 * it and does not hand it back when the prompt window closes (nor on browsingContext.activate); a
 * page without it gets no focus events (passkey autofill waits for a sign-in field's) and may not
 * ask without a click (Tapkey's rule, as Chrome's: "The document is not focused").
 */
export async function focusBrowserWindow(firefox: Firefox): Promise<void> {
  await firefox.page.bringToFront();
  await firefox.chrome('window.focus(); gBrowser.selectedBrowser.focus();');
}

/** Where a page really is: BiDi reports the add-on's pages as about:blank. */
export async function locationOf(page: Page): Promise<string> {
  return page.evaluate(() => location.href).catch(() => '');
}

/** Waits for a page whose location satisfies `matches` (the add-on's pages open as new targets). */
export async function waitForPage(
  browser: Browser,
  matches: (url: string) => boolean,
  timeoutMs = 10_000,
): Promise<Page> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    for (const page of await browser.pages()) if (matches(await locationOf(page))) return page;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the page did not open');
}

/** Polls `check` until it returns true. */
export async function until(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out: ${what}`);
}

/**
 * For each test of the spec that calls it: a fresh demo relying party and a fresh Firefox with the
 * add-on, handed to `use` before the test and closed after it.
 */
export function eachTestFirefox(use: (firefox: Firefox, server: DemoServer) => void): void {
  let firefox: Firefox | undefined;
  let server: DemoServer | undefined;
  beforeEach(async () => {
    server = await startDemoServer({ port: 0 });
    firefox = await launchFirefox();
    use(firefox, server);
  });
  afterEach(async () => {
    await firefox?.close();
    await server?.close();
    firefox = undefined;
    server = undefined;
  });
}
