/**
 * A classic script, not a module (scripts/build/classic-script.ts builds it): the popup page loads it
 * `async` ahead of its modules, so the worker is asked for the waiting prompt while those still load.
 * It must import nothing but types; the build refuses output with an import or export left in it.
 */
import type { RuntimeMessage } from '../src/messages/protocol.ts';
import type { CurrentPrompt, EarlyAnswer } from './early-prompt.ts';

(() => {
  // Firefox's promise-based API is `browser`; Chrome's `chrome.runtime` returns promises in MV3.
  const runtime =
    (globalThis as { browser?: { runtime: typeof chrome.runtime } }).browser?.runtime ?? chrome.runtime;
  const message: RuntimeMessage<'prompt/current'> = { name: 'prompt/current', payload: {} };
  globalThis.__tapkeyEarlyPrompt = (runtime.sendMessage(message) as Promise<CurrentPrompt>).then(
    (prompt): EarlyAnswer => ({ ok: true, prompt }),
    (): EarlyAnswer => ({ ok: false }),
  );
})();
