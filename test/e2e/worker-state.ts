/**
 * What the extension's worker sees, for a failure message: its windows, its pages and the prompt
 * queue in storage.session. Read-only; never part of a test's verdict.
 */
import type { BrowserContext } from '@playwright/test';

export async function workerState(context: BrowserContext): Promise<string> {
  const worker = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
  if (!worker) return 'no extension service worker running';
  try {
    const state = await worker.evaluate(async () => {
      const windows = await chrome.windows.getAll({});
      const contexts = await chrome.runtime.getContexts({});
      const session = await chrome.storage.session.get(['prompts', 'requests']);
      return {
        windows: windows.map((w) => `${w.id}:${w.type}${w.focused ? ':focused' : ''}`),
        pages: contexts.map((c) => `${c.contextType} ${c.documentUrl ?? ''} window ${c.windowId}`),
        prompts: session.prompts,
        requests: Object.keys((session.requests as object | undefined) ?? {}),
      };
    });
    return JSON.stringify(state);
  } catch (e) {
    return `the worker could not be read: ${e instanceof Error ? e.message : String(e)}`;
  }
}
