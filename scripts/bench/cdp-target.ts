/**
 * A CDP session on a target Playwright does not expose (the action popup, which Chromium 156 opens
 * as a `page` target that is not a tab, and the extension's service worker): attached through the
 * non-flattened Target domain of a page's CDP session, as test/e2e/popup-driver.ts does, but by
 * target ID so that a popup that is closing can never be confused with the next one.
 */
import type { CDPSession, Page } from '@playwright/test';

export interface TargetInfo {
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

export class TargetSession {
  private nextId = 0;
  private readonly pending = new Map<
    number,
    { resolve: (r: CdpReply) => void; reject: (e: Error) => void }
  >();
  private closed = false;

  private constructor(
    private readonly cdp: CDPSession,
    private readonly sessionId: string,
    readonly targetId: string,
  ) {
    cdp.on('Target.receivedMessageFromTarget', this.onMessage);
    cdp.on('Target.detachedFromTarget', this.onDetached);
  }

  private readonly onMessage = (event: { sessionId: string; message: string }): void => {
    if (event.sessionId !== this.sessionId) return;
    const reply = JSON.parse(event.message) as CdpReply;
    if (typeof reply.id !== 'number') return;
    this.pending.get(reply.id)?.resolve(reply);
    this.pending.delete(reply.id);
  };

  private readonly onDetached = (event: { sessionId: string }): void => {
    if (event.sessionId !== this.sessionId) return;
    this.closed = true;
    for (const p of this.pending.values()) p.reject(new Error(`target ${this.targetId} went away`));
    this.pending.clear();
  };

  static async attach(cdp: CDPSession, targetId: string): Promise<TargetSession> {
    const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId, flatten: false })) as {
      sessionId: string;
    };
    return new TargetSession(cdp, sessionId, targetId);
  }

  /** A session `cdp` already holds (one that Target.setAutoAttach made, say). */
  static of(cdp: CDPSession, sessionId: string, targetId: string): TargetSession {
    return new TargetSession(cdp, sessionId, targetId);
  }

  /** Sends one CDP command to the target. */
  send(method: string, params: object = {}, timeoutMs = 15_000): Promise<CdpReply> {
    if (this.closed) return Promise.reject(new Error(`target ${this.targetId} is detached`));
    const id = ++this.nextId;
    return new Promise<CdpReply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method} on ${this.targetId}: no reply in ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.cdp
        .send('Target.sendMessageToTarget', {
          sessionId: this.sessionId,
          message: JSON.stringify({ id, method, params }),
        })
        .catch((e: unknown) => {
          clearTimeout(timer);
          this.pending.delete(id);
          reject(e instanceof Error ? e : new Error(String(e)));
        });
    });
  }

  /** Evaluates `fn(arg)` in the target and returns its (JSON) value. */
  async evaluate<T, A = null>(fn: (arg: A) => T | Promise<T>, arg?: A, timeoutMs = 15_000): Promise<T> {
    const reply = await this.send(
      'Runtime.evaluate',
      {
        expression: expression(fn, arg),
        awaitPromise: true,
        returnByValue: true,
        userGesture: true,
      },
      timeoutMs,
    );
    if (reply.error) throw new Error(reply.error.message);
    const ex = reply.result?.exceptionDetails;
    if (ex) throw new Error(`in target: ${ex.exception?.description ?? ex.text}`);
    return reply.result?.result?.value as T;
  }

  async detach(): Promise<void> {
    this.cdp.off('Target.receivedMessageFromTarget', this.onMessage);
    this.cdp.off('Target.detachedFromTarget', this.onDetached);
    if (!this.closed)
      await this.cdp.send('Target.detachFromTarget', { sessionId: this.sessionId }).catch(() => undefined);
    this.closed = true;
  }
}

/**
 * The source of `fn(arg)` as one expression. tsx (esbuild, keepNames) wraps inner named functions in
 * `__name(...)`, which exists only in Node: the expression brings its own.
 */
export function expression<A>(fn: (arg: A) => unknown, arg: A | undefined): string {
  return `((__name) => (${fn.toString()})(${JSON.stringify(arg ?? null)}))((f) => f)`;
}

/** page.evaluate through {@link expression}, for functions with inner helpers. */
export function evaluateIn<T, A>(page: Page, fn: (arg: A) => T | Promise<T>, arg: A): Promise<T> {
  return page.evaluate(expression(fn, arg)) as Promise<T>;
}

export async function listTargets(cdp: CDPSession): Promise<TargetInfo[]> {
  const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: TargetInfo[] };
  return targetInfos;
}
