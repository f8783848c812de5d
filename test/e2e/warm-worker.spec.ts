/**
 * Issue 11, cold worker: Chrome stops an idle worker after 30 s and takes 150–250 ms to start it again.
 * A sign-in page that probes WebAuthn as it loads (conditional mediation, client capabilities) has the
 * relay wake it (relay.test.ts), so the sign-in that follows meets a started worker (`npm run bench`'s
 * "page probed WebAuthn" row). Here, in Chromium: the probe sends the relay its hint, once per
 * document, and the page still gets the browser's own answer.
 */
import type { BrowserContext } from '@playwright/test';
import { serviceWorker } from './browser.ts';
import { approve, expect, test } from './fixtures.ts';
import { create } from './webauthn-calls.ts';

/** The path of the extension's offscreen document now open, if any (Chrome allows one). */
async function offscreenDocuments(context: BrowserContext): Promise<string[]> {
  const worker = await serviceWorker(context);
  return worker.evaluate(async () =>
    (
      await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT' as chrome.runtime.ContextType] })
    ).map((c) => new URL(c.documentUrl ?? '').pathname),
  );
}

for (const probe of ['isConditionalMediationAvailable', 'getClientCapabilities'] as const) {
  test(`PublicKeyCredential.${probe}() hints the relay once per document, and answers as before`, async ({
    page,
    server,
  }) => {
    await page.goto(`${server.url}/pages/blank.html`);
    const result = await page.evaluate(async (name) => {
      const hints: unknown[] = [];
      window.addEventListener('message', (event) => {
        const data = event.data as { kind?: unknown } | null;
        if (data?.kind === 'warm') hints.push(data);
      });
      const first = typeof (await PublicKeyCredential[name]());
      await PublicKeyCredential[name]();
      // Window messages are delivered in a task of their own.
      await new Promise((r) => setTimeout(r, 20));
      return { first, hints: hints.length };
    }, probe);
    expect(result).toEqual({ first: probe === 'getClientCapabilities' ? 'object' : 'boolean', hints: 1 });
  });
}

test('a probe has the prompt page loaded unseen; the sign-in still asks in the prompt window, and a copied code still gets the slot', async ({
  page,
  context,
  server,
  extension,
}) => {
  await page.goto(`${server.url}/pages/blank.html`);
  expect(await offscreenDocuments(context)).toEqual([]);
  await page.evaluate(() => PublicKeyCredential.isConditionalMediationAvailable());
  await expect.poll(() => offscreenDocuments(context)).toEqual(['/offscreen/prompt-preload.html']);

  const made = create(page);
  await approve(context, page);
  expect((await made).ok).toBe(true);

  // Copying a code asks for the clipboard's clearing: the preload gives up Chrome's one slot.
  const settings = await context.newPage();
  await settings.goto(`chrome-extension://${extension}/popup/popup.html?stay=1`);
  const asked = await settings.evaluate(() =>
    chrome.runtime.sendMessage({ name: 'otp/clear-clipboard-later', payload: { afterMs: 60_000 } }),
  );
  expect(asked).toEqual({ ok: true });
  expect(await offscreenDocuments(context)).toEqual(['/offscreen/clipboard.html']);
});
