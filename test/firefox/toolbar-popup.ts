/**
 * The real toolbar popup in Firefox. It is not a browsing context BiDi lists, but it is a view of the
 * add-on: a helper tab holding one of the add-on's pages reaches its document through
 * `extension.getViews({ type: 'popup' })`, and the test reads and clicks there. The button itself is
 * clicked from the browser's chrome window (see firefox.ts), which grants activeTab on the page.
 */
import type { Page } from 'puppeteer-core';
import { EXTENSION_ORIGIN, type Firefox, until, waitForPage } from './firefox.ts';

const HELPER_URL = `${EXTENSION_ORIGIN}/popup/popup.html?stay=1&helper=1`;

export class ToolbarPopup {
  private constructor(private readonly helper: Page) {}

  /** Clicks Tapkey's toolbar button in `page`'s window, as the user would, and waits for the popup. */
  static async open(firefox: Firefox, page: Page): Promise<ToolbarPopup> {
    // BiDi may not navigate a tab to moz-extension:// (nor may a web page); the chrome window may.
    // A background tab: the page under test stays the window's active tab.
    await firefox.chrome(`
      gBrowser.addTab(${JSON.stringify(HELPER_URL)}, {
        inBackground: true,
        triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal(),
      });`);
    const helper = await waitForPage(firefox.browser, (url) => url === HELPER_URL);
    await page.bringToFront();
    await firefox.chrome(`
      const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
      const extension = ExtensionParent.GlobalManager.getExtension('tapkey@tapkey.dev');
      await ExtensionParent.apiManager.global.browserActionFor(extension).triggerAction(window);`);
    const popup = new ToolbarPopup(helper);
    await until(() => popup.has('main, body > *'), 'the toolbar popup');
    return popup;
  }

  /**
   * Runs `fn` on the popup's document. It travels as source text (no closure) with a JSON argument;
   * BiDi's script.evaluate is not bound by the add-on's Content Security Policy.
   */
  evaluate<A, T>(fn: (doc: Document, arg: A) => T, arg: A): Promise<Awaited<T>> {
    return this.helper.evaluate(`(() => {
      const view = chrome.extension.getViews({ type: 'popup' })[0];
      if (!view || view.document.readyState === 'loading') return undefined;
      return (${fn.toString()})(view.document, ${JSON.stringify(arg)});
    })()`) as Promise<Awaited<T>>;
  }

  /** Evaluates `expression` in the helper tab, one of the add-on's pages (its `chrome.*` APIs). */
  inExtension<T>(expression: string): Promise<T> {
    return this.helper.evaluate(expression) as Promise<T>;
  }

  has(selector: string): Promise<boolean> {
    return this.evaluate((doc, s) => doc.querySelector(s) !== null, selector).then(Boolean, () => false);
  }

  async waitFor(selector: string, timeoutMs = 10_000): Promise<void> {
    await until(() => this.has(selector), `${selector} in the toolbar popup`, timeoutMs);
  }

  async text(selector: string): Promise<string> {
    return (await this.evaluate((doc, s) => doc.querySelector(s)?.textContent ?? '', selector)) ?? '';
  }

  /** Clicks the element (the popup's handlers run as for a user's click). */
  async click(selector: string): Promise<void> {
    await this.waitFor(selector);
    await this.evaluate((doc, s) => doc.querySelector<HTMLElement>(s)?.click(), selector);
  }
}
