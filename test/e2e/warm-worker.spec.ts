/**
 * Issue 11, cold worker: Chrome stops an idle worker after 30 s and takes 150–250 ms to start it again.
 * A sign-in page that probes WebAuthn as it loads (conditional mediation, client capabilities) has the
 * relay wake it (relay.test.ts), so the sign-in that follows meets a started worker (`npm run bench`'s
 * "page probed WebAuthn" row). Here, in Chromium: the probe sends the relay its hint, once per
 * document, and the page still gets the browser's own answer.
 */
import { expect, test } from './fixtures.ts';

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
