/**
 * A classic script, not a module (scripts/build/classic-script.ts builds it): the popup page loads it
 * `async` ahead of its modules, so the worker is asked for the waiting prompt while those still load.
 * It must import nothing but types; the build refuses output with an import or export left in it.
 */
import type { RuntimeMessage } from '../src/messages/protocol.ts';
import type { CurrentPrompt, EarlyAnswer } from './early-prompt.ts';

(() => {
  /**
   * A prompt or none. Anything else is no answer: in Chrome the worker's message polyfill replies to a
   * handler that failed with an error object, which only the polyfill's own sendMessage turns back into
   * a rejection; the popup then asks again through it.
   */
  function isPrompt(reply: unknown): reply is CurrentPrompt {
    return (
      reply === null ||
      (typeof reply === 'object' && typeof (reply as { promptId?: unknown }).promptId === 'string')
    );
  }

  // Firefox's promise-based API is `browser`; Chrome's `chrome.runtime` returns promises in MV3.
  const runtime =
    (globalThis as { browser?: { runtime: typeof chrome.runtime } }).browser?.runtime ?? chrome.runtime;
  const message: RuntimeMessage<'prompt/current'> = { name: 'prompt/current', payload: {} };
  globalThis.__tapkeyEarlyPrompt = (runtime.sendMessage(message) as Promise<unknown>).then(
    (reply): EarlyAnswer => (isPrompt(reply) ? { ok: true, prompt: reply } : { ok: false }),
    (): EarlyAnswer => ({ ok: false }),
  );
})();
