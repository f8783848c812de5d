/**
 * Passkey autofill (WebAuthn L3 §5.1.4, mediation "conditional"): a page that asks on load, with no
 * button, is offered Tapkey's passkeys under its webauthn fields; choosing one signs in.
 */
import type { Page } from '@playwright/test';
import { hasOfferFrame, offerFrame, openAutofillPage } from './autofill-list.ts';
import { serviceWorker, stopServiceWorker } from './browser.ts';
import { registerOnDemo } from './demo-site.ts';
import { answerAndWait, approve, expect, prompt, test } from './fixtures.ts';

test('offers the passkey under the username field; choosing it signs in', async ({
  page,
  context,
  server,
}) => {
  await registerOnDemo(page, context, 'alice', server.url);
  await openAutofillPage(page, server.url);
  await page.getByLabel('Username').click();
  const frame = await offerFrame(page);
  const entry = frame.getByRole('button', { name: 'Sign in as alice' });
  await expect(entry).toBeVisible();
  await entry.click();
  await expect(page.locator('#result')).toHaveAttribute('data-status', 'ok');
  await expect(page.locator('#result')).toContainText('"verified": true');
  await expect(page.getByLabel('Username')).toHaveValue('alice');
  await expect.poll(() => hasOfferFrame(page)).toBe(false);
});

test('the page’s abort removes the offer', async ({ page, context, server }) => {
  await registerOnDemo(page, context, 'alice', server.url);
  await openAutofillPage(page, server.url);
  await page.getByLabel('Username').click();
  await offerFrame(page);
  await page.evaluate(() =>
    (
      window as unknown as { SimpleWebAuthnBrowser: { WebAuthnAbortService: { cancelCeremony(): void } } }
    ).SimpleWebAuthnBrowser.WebAuthnAbortService.cancelCeremony(),
  );
  await expect.poll(() => hasOfferFrame(page)).toBe(false);
  await expect(page.locator('#result')).toContainText('AbortError');
});

test('no passkey for the site: nothing is offered, and a modal request takes over', async ({
  page,
  server,
}) => {
  const offers: string[] = [];
  page.on('framenavigated', (frame) => {
    if (frame.url().includes('/offer/offer.html')) offers.push(frame.url());
  });
  await openAutofillPage(page, server.url);
  await page.getByLabel('Username').click();
  // A modal get() from the same tab ends the pending autofill request (as a site's "Sign in with a
  // passkey" button would); by then the worker has looked for passkeys and found none.
  void page
    .evaluate(() =>
      navigator.credentials.get({ publicKey: { challenge: new Uint8Array(32) } }).catch(() => null),
    )
    .catch(() => undefined);
  await expect(page.locator('#result')).toContainText('NotAllowedError');
  expect(offers).toEqual([]);
  expect(hasOfferFrame(page)).toBe(false);
});

test('the page cannot choose for the user: untrusted clicks and a covered list do nothing', async ({
  page,
  context,
  server,
}) => {
  await registerOnDemo(page, context, 'alice', server.url);
  await openAutofillPage(page, server.url);
  await page.getByLabel('Username').click();
  const frame = await offerFrame(page);
  const entry = frame.getByRole('button', { name: 'Sign in as alice' });
  await expect(entry).toHaveAttribute('aria-disabled', 'false');

  // A synthetic click (isTrusted false) is ignored: choosing would say so at once.
  await frame.evaluate(() => (document.querySelector('button.entry') as HTMLButtonElement).click());
  await expect(frame.locator('.status')).toHaveText('');

  // The page covers the list with its own top-layer element: the frame stops taking clicks
  // (IntersectionObserver v2 reports it not visible), and takes them again once uncovered.
  await page.evaluate(() => {
    const cover = document.createElement('div');
    cover.id = 'cover';
    cover.setAttribute('popover', 'manual');
    cover.style.cssText = 'inset:0;width:100vw;height:100vh;margin:0;background:rgb(255 255 255 / 0.9)';
    document.body.append(cover);
    cover.showPopover();
  });
  await expect(entry).toHaveAttribute('aria-disabled', 'true');
  await entry.dispatchEvent('click');
  await expect(frame.locator('.status')).toHaveText('');
  await page.evaluate(() => document.getElementById('cover')?.remove());
  await expect(entry).toHaveAttribute('aria-disabled', 'false');

  await entry.click();
  await expect(page.locator('#result')).toHaveAttribute('data-status', 'ok');
  await expect(page.locator('#result')).toContainText('"newCounter": 1');
});

test('with a PIN, choosing the passkey asks for the PIN in the prompt', async ({
  page,
  context,
  server,
  extension,
}) => {
  const settings = await context.newPage();
  await settings.goto(`chrome-extension://${extension}/popup/popup.html?stay=1`);
  expect(
    await settings.evaluate(() =>
      chrome.runtime.sendMessage({ name: 'settings/set-pin', payload: { newPin: '1357' } }),
    ),
  ).toEqual({ ok: true });
  await settings.close();
  await page.goto(server.url);
  for (const name of ['alice', 'bob']) {
    await page.getByLabel('Username').fill(name);
    await page.getByRole('button', { name: 'Register' }).click();
    await approve(context, page, { pin: '1357' });
    await expect(page.locator('#result')).toContainText(`"username": "${name}"`);
  }

  await openAutofillPage(page, server.url);
  await page.getByLabel('Username').click();
  await (await offerFrame(page)).getByRole('button', { name: /Sign in as alice/ }).click();
  const popup = await prompt(context, page);
  // The prompt asks for the PIN for the account chosen, and only that one.
  expect(await popup.text('section.prompt')).toContain('alice');
  expect(await popup.text('section.prompt')).not.toContain('bob');
  expect(await popup.evaluate(() => document.querySelectorAll('[name="account"]').length)).toBe(1);
  await answerAndWait(popup, async () => {
    await popup.fill('#pin', '1357');
    await popup.click('#approve');
  });
  await expect(page.locator('#result')).toHaveAttribute('data-status', 'ok');
  await expect(page.locator('#result')).toContainText('"userVerified": true');
});

test('the offer survives the service worker being stopped while the page waits', async ({
  page,
  context,
  server,
}) => {
  await registerOnDemo(page, context, 'alice', server.url);
  await openAutofillPage(page, server.url);
  // The page is waiting, but the worker may not have the request yet: stop it once it does (its
  // record in storage.session, stored before the offer goes out, is what a restarted worker resumes).
  const worker = await serviceWorker(context);
  await expect
    .poll(() =>
      worker.evaluate(
        async () => Object.keys((await chrome.storage.session.get('requests')).requests ?? {}).length,
      ),
    )
    .toBe(1);
  await stopServiceWorker(context, page);
  await page.getByLabel('Username').click();
  await (await offerFrame(page)).getByRole('button', { name: /Sign in as alice/ }).click();
  await expect(page.locator('#result')).toHaveAttribute('data-status', 'ok');
});

test('keyboard only: ↓ moves into the list, Enter signs in; Escape closes it', async ({
  page,
  context,
  server,
}) => {
  await registerOnDemo(page, context, 'alice', server.url);
  await openAutofillPage(page, server.url);
  await page.getByLabel('Username').focus();
  const frame = await offerFrame(page);
  await expect(frame.getByRole('button', { name: 'Sign in as alice' })).toHaveAttribute(
    'aria-disabled',
    'false',
  );
  await page.keyboard.press('Escape');
  await expect.poll(() => hasOfferFrame(page)).toBe(false);
  // Focus the field again: the list comes back; ↓ and Enter choose the first passkey.
  await page.getByLabel('Username').blur();
  await page.getByLabel('Username').focus();
  const again = await offerFrame(page);
  await expect(again.getByRole('button', { name: 'Sign in as alice' })).toHaveAttribute(
    'aria-disabled',
    'false',
  );
  await page.keyboard.press('ArrowDown');
  await expect(again.getByRole('button', { name: 'Sign in as alice' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#result')).toHaveAttribute('data-status', 'ok');
});

test('a page cannot load the list itself: its static URL is refused (use_dynamic_url)', async ({
  page,
  server,
  extension,
}) => {
  await page.goto(`${server.url}/autofill.html`);
  const fetched = await page.evaluate(
    (url) =>
      fetch(url).then(
        () => 'loaded',
        () => 'refused',
      ),
    `chrome-extension://${extension}/offer/offer.html`,
  );
  expect(fetched).toBe('refused');
  await page.evaluate((url) => {
    const frame = document.createElement('iframe');
    frame.src = url;
    document.body.append(frame);
  }, `chrome-extension://${extension}/offer/offer.html`);
  await expect.poll(() => page.frames().some((f) => f.url().startsWith('chrome-error://'))).toBe(true);
  expect(hasOfferFrame(page)).toBe(false);
});

/**
 * Stands in for Chrome's own autofill (headless Chromium has none): installed before Tapkey's page
 * script captures the browser's get(), a conditional get() waits until the test "chooses" in it, and
 * notes an abort.
 */
async function stubBrowserAutofill(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const container = CredentialsContainer.prototype;
    const nativeGet = container.get;
    const w = window as unknown as { chooseBrowserPasskey?: () => void; browserSawAbort?: boolean };
    container.get = function (this: CredentialsContainer, options?: CredentialRequestOptions) {
      if (options?.mediation !== 'conditional') return nativeGet.call(this, options);
      return new Promise((resolve, reject) => {
        w.chooseBrowserPasskey = () => resolve({ id: 'browser-passkey', type: 'public-key' } as Credential);
        options.signal?.addEventListener('abort', () => {
          w.browserSawAbort = true;
          reject(options.signal?.reason);
        });
      });
    };
  });
}

/**
 * A page with a webauthn field that asks for autofill with the demo server's challenge. What it gets
 * is the credential's id and, for a real PublicKeyCredential, whether the demo server (its own
 * @simplewebauthn/server check, challenge included) verified it.
 */
async function blankPageAskingForAutofill(
  page: Page,
  url: string,
): Promise<{ outcome: Promise<{ id?: string; verified?: boolean }> }> {
  await page.goto(`${url}/pages/blank.html`);
  await page.evaluate(() => {
    const field = document.createElement('input');
    field.setAttribute('aria-label', 'Username');
    field.setAttribute('autocomplete', 'username webauthn');
    document.body.append(field);
  });
  const outcome = page.evaluate(async () => {
    const post = (path: string, body: unknown) =>
      fetch(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      }).then((r) => r.json() as Promise<{ challenge?: string; verified?: boolean; error?: string }>);
    const options = await post('/api/login/options', {});
    const b64 = (options.challenge ?? '').replace(/-/g, '+').replace(/_/g, '/');
    const challenge = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const credential = await navigator.credentials.get({
      mediation: 'conditional',
      publicKey: { challenge },
    });
    if (!(credential instanceof PublicKeyCredential)) return { id: credential?.id };
    const verdict = await post('/api/login/verify', { response: credential.toJSON() });
    return { id: credential.id, verified: verdict.verified === true };
  });
  return { outcome };
}

test('the user picks the browser’s own passkey instead: the page gets it and Tapkey’s list goes', async ({
  page,
  context,
  server,
}) => {
  await registerOnDemo(page, context, 'alice', server.url);
  await stubBrowserAutofill(page);
  const outcome = await blankPageAskingForAutofill(page, server.url);
  await page.getByLabel('Username').click();
  await offerFrame(page);
  await page.evaluate(() =>
    (window as unknown as { chooseBrowserPasskey: () => void }).chooseBrowserPasskey(),
  );
  // The stand-in for the browser's passkey is no PublicKeyCredential: nothing a verifier could check.
  expect(await outcome.outcome).toEqual({ id: 'browser-passkey' });
  await expect.poll(() => hasOfferFrame(page)).toBe(false);
});

test('the user picks Tapkey’s passkey: the browser’s own autofill request is aborted', async ({
  page,
  context,
  server,
}) => {
  await registerOnDemo(page, context, 'alice', server.url);
  const registered = /"credentialId": "([^"]+)"/.exec(
    (await page.locator('#result').textContent()) ?? '',
  )?.[1];
  await stubBrowserAutofill(page);
  const outcome = await blankPageAskingForAutofill(page, server.url);
  await page.getByLabel('Username').click();
  await (await offerFrame(page)).getByRole('button', { name: 'Sign in as alice' }).click();
  expect(await outcome.outcome).toEqual({ id: registered, verified: true });
  const sawAbort = await page.evaluate(
    () => (window as unknown as { browserSawAbort?: boolean }).browserSawAbort,
  );
  expect(sawAbort).toBe(true);
});
