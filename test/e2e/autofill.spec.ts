/**
 * Passkey autofill (WebAuthn L3 §5.1.4, mediation "conditional"): a page that asks on load, with no
 * button, is offered Tapkey's passkeys under its webauthn fields; choosing one signs in.
 */
import type { Frame, Page } from '@playwright/test';
import { registerOnDemo } from './demo-site.ts';
import { expect, test } from './fixtures.ts';

/** The offer frame (an extension page in a closed shadow root: found among the page's frames). */
async function offerFrame(page: Page): Promise<Frame> {
  let frame: Frame | undefined;
  await expect
    .poll(() => {
      frame = page.frames().find((f) => f.url().includes('/offer/offer.html'));
      return frame !== undefined;
    })
    .toBe(true);
  return frame!;
}

const hasOfferFrame = (page: Page) => page.frames().some((f) => f.url().includes('/offer/offer.html'));

async function openAutofillPage(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/autofill.html`);
  await expect(page.locator('#result')).toHaveAttribute('data-status', 'waiting');
}

test('offers the passkey under the username field; choosing it signs in', async ({
  page,
  context,
  server,
}) => {
  await registerOnDemo(page, context, 'alice', server.url);
  await openAutofillPage(page, server.url);
  await page.getByLabel('Username').click();
  const frame = await offerFrame(page);
  const entry = frame.getByRole('button', { name: 'Sign in as alice with a Tapkey passkey' });
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
