/**
 * Drives the real action popup. Chromium 156 opens it as a `page` target that Playwright does not
 * auto-attach (it is not a tab), so we attach over CDP ourselves and talk to it through the
 * (non-flattened) Target session: evaluate in the page, dispatch real key events, close the target.
 */
import type { BrowserContext, CDPSession, Page } from '@playwright/test';
import { helperSession } from './cdp-session.ts';
import { workerState } from './worker-state.ts';

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

interface CdpReply {
  id: number;
  result?: {
    result?: { value?: unknown };
    exceptionDetails?: { text: string; exception?: { description?: string } };
  };
  error?: { message: string };
}

/** The popup closed (or navigated away) while a call to it was under way. */
export class PopupGone extends Error {
  constructor(detail: string) {
    super(`popup closed: ${detail}`);
    this.name = 'PopupGone';
  }
}

/** What CDP says when the page behind a session went away mid-call. */
const GONE =
  /popup closed|navigated or closed|context was destroyed|Cannot find context|Target closed|No session|Session closed|not attached/i;

export class PopupDriver {
  private nextId = 0;
  private readonly pending = new Map<number, (reply: CdpReply) => void>();
  private gone = false;
  private readonly received: (event: { sessionId: string; message: string }) => void;
  private readonly closed: (event: { sessionId?: string; targetId?: string }) => void;

  private constructor(
    private readonly cdp: CDPSession,
    private readonly sessionId: string,
    readonly targetId: string,
  ) {
    this.received = (event: { sessionId: string; message: string }) => {
      if (event.sessionId !== this.sessionId) return;
      const reply = JSON.parse(event.message) as CdpReply;
      this.pending.get(reply.id)?.(reply);
      this.pending.delete(reply.id);
    };
    cdp.on('Target.receivedMessageFromTarget', this.received);
    // The popup closed (it does after the last answer): fail every call still waiting for a reply.
    this.closed = (event: { sessionId?: string; targetId?: string }) => {
      if (event.sessionId !== this.sessionId && event.targetId !== this.targetId) return;
      this.gone = true;
      for (const [id, resolve] of this.pending) resolve({ id, error: { message: 'popup closed' } });
      this.pending.clear();
    };
    cdp.on('Target.detachedFromTarget', this.closed);
    cdp.on('Target.targetDestroyed', this.closed);
  }

  /** Waits until the worker has opened the popup (or a fallback popup window) and attaches to it. */
  static async waitFor(
    context: BrowserContext,
    anyPage: Page,
    timeoutMs = 10_000,
    /** Which popup page: the prompt window's URL has `window=1`, the toolbar popup's has not. */
    matches: (url: string) => boolean = () => true,
  ): Promise<PopupDriver> {
    // The page's helper session: detaching a session of the page would turn off a CDP virtual
    // authenticator the test put on it (see cdp-session.ts).
    const cdp = await helperSession(anyPage);
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: TargetInfo[] };
      const target = targetInfos.find(
        (t) => t.type === 'page' && t.url.includes('/popup/popup.html') && matches(t.url),
      );
      if (target) {
        try {
          const { sessionId } = (await cdp.send('Target.attachToTarget', {
            targetId: target.targetId,
            flatten: false,
          })) as { sessionId: string };
          return new PopupDriver(cdp, sessionId, target.targetId);
        } catch (e) {
          // A prompt window the worker was closing (its request answered) went between the listing
          // and the attach: look again for the one that comes next.
          if (!/No target with given id/i.test(String(e))) throw e;
        }
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`the Tapkey popup did not open; the worker sees ${await workerState(context)}`);
  }

  private call(method: string, params: object): Promise<CdpReply> {
    if (this.gone) return Promise.resolve({ id: 0, error: { message: 'popup closed' } });
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, resolve);
      this.cdp
        .send('Target.sendMessageToTarget', {
          sessionId: this.sessionId,
          message: JSON.stringify({ id, method, params }),
        })
        .catch((e: unknown) => {
          this.pending.delete(id);
          const message = e instanceof Error ? e.message : String(e);
          reject(GONE.test(message) ? new PopupGone(message) : e);
        });
    });
  }

  /**
   * Evaluates `fn(arg)` in the popup and returns its (JSON) value.
   * @throws PopupGone if the popup closed meanwhile; Error with the popup's exception otherwise.
   */
  async evaluate<T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T> {
    const reply = await this.call('Runtime.evaluate', {
      expression: `(${fn.toString()})(${JSON.stringify(arg ?? null)})`,
      awaitPromise: true,
      returnByValue: true,
      userGesture: true,
    });
    if (reply.error) {
      if (GONE.test(reply.error.message)) throw new PopupGone(reply.error.message);
      throw new Error(reply.error.message);
    }
    const exception = reply.result?.exceptionDetails;
    if (exception) {
      const text = `${exception.text} ${exception.exception?.description ?? ''}`;
      if (GONE.test(text)) throw new PopupGone(text);
      throw new Error(`in popup: ${text}`);
    }
    return reply.result?.result?.value as T;
  }

  /** Waits for a selector to match a visible element, returning its text. */
  async waitFor(selector: string, timeoutMs = 10_000): Promise<string> {
    const text = await this.evaluate(
      async ({ selector, timeoutMs }) => {
        const end = Date.now() + timeoutMs;
        while (Date.now() < end) {
          const el = document.querySelector<HTMLElement>(selector);
          if (el && el.offsetParent !== null) return el.textContent;
          await new Promise((r) => setTimeout(r, 20));
        }
        return null;
      },
      { selector, timeoutMs },
    );
    if (text === null) throw new Error(`popup: ${selector} did not appear`);
    return text;
  }

  /** Waits until the element's text is non-empty (e.g. an error the worker sends back), returning it. */
  async nonEmptyText(selector: string, timeoutMs = 10_000): Promise<string> {
    const text = await this.evaluate(
      async ({ selector, timeoutMs }) => {
        const end = Date.now() + timeoutMs;
        while (Date.now() < end) {
          const text = document.querySelector<HTMLElement>(selector)?.textContent?.trim();
          if (text) return text;
          await new Promise((r) => setTimeout(r, 20));
        }
        return null;
      },
      { selector, timeoutMs },
    );
    if (text === null) throw new Error(`popup: ${selector} stayed empty`);
    return text;
  }

  async text(selector: string): Promise<string> {
    return this.waitFor(selector);
  }

  async click(selector: string): Promise<void> {
    await this.waitFor(selector);
    // Clicked a moment later, so the reply reaches us before an answer closes the prompt window.
    await this.evaluate((s) => {
      const element = document.querySelector<HTMLElement>(s)!;
      setTimeout(() => element.click());
    }, selector);
  }

  /** Clicks the button whose accessible text is `name`. */
  async clickButton(name: string): Promise<void> {
    await this.waitFor('button');
    const found = await this.evaluate((n) => {
      const button = [...document.querySelectorAll('button')].find(
        (b) => (b.getAttribute('aria-label') ?? b.textContent).trim() === n,
      );
      if (button) setTimeout(() => button.click());
      return Boolean(button);
    }, name);
    if (!found) throw new Error(`popup: no button named "${name}"`);
  }

  async fill(selector: string, value: string): Promise<void> {
    await this.waitFor(selector);
    await this.evaluate(
      ({ selector, value }) => {
        const input = document.querySelector<HTMLInputElement>(selector)!;
        input.focus();
        input.value = value;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      },
      { selector, value },
    );
  }

  /** Real key events, as a keyboard user would press them. */
  async press(key: 'Enter' | 'Escape' | 'Tab', options: { autoRepeat?: boolean } = {}): Promise<void> {
    const code = { Enter: 13, Escape: 27, Tab: 9 }[key];
    const base = {
      key,
      code: key,
      windowsVirtualKeyCode: code,
      nativeVirtualKeyCode: code,
      autoRepeat: options.autoRepeat ?? false,
    };
    await this.call('Input.dispatchKeyEvent', {
      type: 'keyDown',
      ...base,
      ...(key === 'Enter' ? { text: '\r' } : {}),
    });
    // The key may close the popup (Escape, or Enter answering the last prompt) before keyUp arrives.
    await this.call('Input.dispatchKeyEvent', { type: 'keyUp', ...base }).catch((e: unknown) => {
      if (!(e instanceof PopupGone)) throw e;
    });
  }

  /** A PNG of the popup as it looks now (for looking at it, not for pixel assertions). */
  async screenshot(clip?: { x: number; y: number; width: number; height: number }): Promise<Buffer> {
    const reply = await this.call('Page.captureScreenshot', {
      format: 'png',
      ...(clip && { clip: { ...clip, scale: 1 } }),
    });
    const data = (reply.result as { data?: string } | undefined)?.data;
    if (!data) throw new Error(`popup screenshot failed: ${reply.error?.message ?? 'no data'}`);
    return Buffer.from(data, 'base64');
  }

  /** Emulates the system's light or dark preference inside the popup. */
  async colorScheme(scheme: 'light' | 'dark'): Promise<void> {
    await this.call('Emulation.setEmulatedMedia', {
      features: [{ name: 'prefers-color-scheme', value: scheme }],
    });
  }

  /** Closes the popup as the user would by clicking elsewhere. */
  async close(): Promise<void> {
    await this.cdp.send('Target.closeTarget', { targetId: this.targetId }).catch(() => undefined);
    await this.detach();
  }

  /** Detaches from the popup only; the page's helper session stays (see cdp-session.ts). */
  async detach(): Promise<void> {
    this.cdp.off('Target.receivedMessageFromTarget', this.received);
    this.cdp.off('Target.detachedFromTarget', this.closed);
    this.cdp.off('Target.targetDestroyed', this.closed);
    if (this.gone) return;
    this.gone = true;
    await this.cdp.send('Target.detachFromTarget', { sessionId: this.sessionId }).catch(() => undefined);
  }
}
