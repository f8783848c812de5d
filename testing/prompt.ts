/**
 * Tapkey's real prompt, driven from a test: it opens in a window of its own (an extension page that
 * Playwright does not attach by itself), so this attaches over CDP, waits until Approve is armed
 * (half a second after the prompt appears: Tapkey's guard against a stray click), reads what the
 * prompt says, and answers as a user would: an account, the PIN, Approve or Cancel.
 */
import type { BrowserContext, CDPSession } from '@playwright/test';

/** What the prompt showed when it was answered. */
export interface PromptSeen {
  kind: 'create' | 'get';
  /** The heading, e.g. "localhost wants to create a passkey for alice". */
  title: string;
  origin: string;
  /** Sign-in: the accounts offered, by user name, in their order. */
  accounts: string[];
}

export type PromptAnswer = { type: 'approve'; account?: string; pin?: string } | { type: 'cancel' };

interface Target {
  targetId: string;
  type: string;
  url: string;
}

/** One non-flattened CDP session into the prompt page; `evaluate` runs a function there. */
class PromptSession {
  private id = 0;
  private readonly waiting = new Map<number, (value: { result?: unknown; error?: string }) => void>();

  constructor(
    private readonly cdp: CDPSession,
    private readonly sessionId: string,
    targetId: string,
  ) {
    cdp.on('Target.receivedMessageFromTarget', (event: { sessionId: string; message: string }) => {
      if (event.sessionId !== sessionId) return;
      const reply = JSON.parse(event.message) as {
        id: number;
        result?: { result?: { value?: unknown }; exceptionDetails?: { text: string } };
        error?: { message: string };
      };
      const error = reply.error?.message ?? reply.result?.exceptionDetails?.text;
      this.waiting.get(reply.id)?.(error ? { error } : { result: reply.result?.result?.value });
      this.waiting.delete(reply.id);
    });
    // The prompt window closes after the last answer: whatever still waits, ends.
    const closed = (event: { sessionId?: string; targetId?: string }) => {
      if (event.sessionId !== sessionId && event.targetId !== targetId) return;
      for (const done of this.waiting.values()) done({ error: 'the prompt closed' });
      this.waiting.clear();
    };
    cdp.on('Target.detachedFromTarget', closed);
    cdp.on('Target.targetDestroyed', closed);
  }

  async evaluate<T, A>(fn: (arg: A) => T | Promise<T>, arg: A): Promise<T> {
    const id = ++this.id;
    const reply = await new Promise<{ result?: unknown; error?: string }>((resolve, reject) => {
      this.waiting.set(id, resolve);
      const message = {
        id,
        method: 'Runtime.evaluate',
        params: {
          expression: `(${fn.toString()})(${JSON.stringify(arg)})`,
          awaitPromise: true,
          returnByValue: true,
          userGesture: true,
        },
      };
      this.cdp
        .send('Target.sendMessageToTarget', { sessionId: this.sessionId, message: JSON.stringify(message) })
        .catch(reject);
    });
    if (reply.error) throw new Error(`Tapkey prompt: ${reply.error}`);
    return reply.result as T;
  }

  detach(): Promise<void> {
    return this.cdp.detach().catch(() => undefined);
  }
}

/** Attaches to the prompt once one is on screen and armed; retries a prompt window that is closing. */
async function armedPrompt(
  context: BrowserContext,
  extensionId: string,
  timeoutMs: number,
): Promise<{ session: PromptSession; promptId: string }> {
  const anyPage = context.pages()[0] ?? (await context.newPage());
  const end = Date.now() + timeoutMs;
  const url = `chrome-extension://${extensionId}/popup/popup.html`;
  while (Date.now() < end) {
    const cdp = await context.newCDPSession(anyPage);
    const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: Target[] };
    const target = targetInfos.find((t) => t.type === 'page' && t.url.startsWith(url));
    if (target) {
      const { sessionId } = (await cdp.send('Target.attachToTarget', {
        targetId: target.targetId,
        flatten: false,
      })) as { sessionId: string };
      const session = new PromptSession(cdp, sessionId, target.targetId);
      const promptId = await session
        .evaluate(async (ms) => {
          const until = Date.now() + ms;
          while (Date.now() < until) {
            const section = document.querySelector<HTMLElement>('section.prompt[data-armed]');
            if (section) return section.dataset.promptId ?? '';
            await new Promise((r) => setTimeout(r, 20));
          }
          return null;
        }, 3_000)
        .catch(() => null);
      if (promptId !== null) return { session, promptId };
      await session.detach();
    } else await cdp.detach();
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`Tapkey: no prompt within ${timeoutMs} ms`);
}

/**
 * Waits for Tapkey's prompt and answers it. Resolves with what the prompt showed once it has moved
 * on (closed, or shows the next request).
 */
export async function answerPrompt(
  context: BrowserContext,
  extensionId: string,
  answer: PromptAnswer,
  timeoutMs = 15_000,
): Promise<PromptSeen> {
  const { session, promptId } = await armedPrompt(context, extensionId, timeoutMs);
  try {
    const seen = await session.evaluate(() => {
      const text = (selector: string) => document.querySelector(selector)?.textContent?.trim() ?? '';
      return {
        kind: text('section.prompt .kind') === 'Sign in' ? ('get' as const) : ('create' as const),
        title: text('#prompt-title'),
        origin: text('section.prompt dd.origin'),
        accounts: [...document.querySelectorAll('label.account strong')].map((s) => s.textContent ?? ''),
      };
    }, null);
    if (answer.type === 'approve' && answer.account !== undefined) {
      const picked = await session.evaluate((name) => {
        const label = [...document.querySelectorAll('label.account')].find(
          (l) => l.querySelector('strong')?.textContent === name,
        );
        label?.querySelector('input')?.click();
        return Boolean(label);
      }, answer.account);
      if (!picked) {
        throw new Error(`Tapkey: no account "${answer.account}" in the prompt (${seen.accounts.join(', ')})`);
      }
    }
    if (answer.type === 'approve' && answer.pin !== undefined) {
      await session.evaluate((pin) => {
        const input = document.querySelector<HTMLInputElement>('#pin');
        if (!input) throw new Error('the prompt asks for no PIN');
        input.focus();
        input.value = pin;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }, answer.pin);
    }
    // Clicked a moment later, so this reply arrives before the answer closes the window.
    await session.evaluate((type) => {
      const button =
        type === 'approve'
          ? document.querySelector<HTMLButtonElement>('#approve')
          : [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Cancel');
      if (!button) throw new Error(`no ${type} button`);
      setTimeout(() => button.click());
    }, answer.type);
    // Moved on: another prompt, or none (the window closes, which ends this session).
    await session
      .evaluate(async (old) => {
        const until = Date.now() + 10_000;
        while (Date.now() < until) {
          if (document.querySelector<HTMLElement>('section.prompt')?.dataset.promptId !== old) return;
          await new Promise((r) => setTimeout(r, 20));
        }
      }, promptId)
      .catch(() => undefined);
    return seen;
  } finally {
    await session.detach();
  }
}
