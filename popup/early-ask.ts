/**
 * A classic script, not a module (scripts/build/classic-script.ts builds it): the popup page loads it
 * `async` ahead of its modules, so the worker is asked for the waiting prompt while those still load,
 * and the toolbar popup fetches the Codes tab's code meanwhile. It must import nothing but types; the
 * build refuses output with an import or export left in it.
 */
import type { RuntimeMessage } from '../src/messages/protocol.ts';
import type { CurrentPrompt, EarlyAnswer } from './early-prompt.ts';

/** The Codes tab's built files (its chunk and the chunks it imports): the build writes them in. */
declare const CODES_TAB_FILES: readonly string[];

(() => {
  // Firefox's promise-based API is `browser`; Chrome's `chrome.runtime` returns promises in MV3.
  const runtime =
    (globalThis as { browser?: { runtime: typeof chrome.runtime } }).browser?.runtime ?? chrome.runtime;
  const message: RuntimeMessage<'prompt/current'> = { name: 'prompt/current', payload: {} };
  globalThis.__tapkeyEarlyPrompt = (runtime.sendMessage(message) as Promise<CurrentPrompt>).then(
    (prompt): EarlyAnswer => ({ ok: true, prompt }),
    (): EarlyAnswer => ({ ok: false }),
  );
  // The toolbar popup opens on the Codes tab, whose code is imported on demand: the browser fetches
  // and compiles it now, beside the page's own modules (16–25 ms sooner). The prompt window never
  // shows it. Unbuilt (in unit tests) the list is not there.
  if (new URLSearchParams(location.search).get('window') === '1') return;
  for (const href of typeof CODES_TAB_FILES === 'undefined' ? [] : CODES_TAB_FILES) {
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.href = href;
    document.head.append(link);
  }
})();
