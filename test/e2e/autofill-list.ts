/** Steps around passkey autofill's list on the demo's /autofill.html page. */
import type { Frame, Page } from '@playwright/test';
import { expect } from './fixtures.ts';

/** The offer frame (an extension page in a closed shadow root: found among the page's frames). */
export async function offerFrame(page: Page): Promise<Frame> {
  let frame: Frame | undefined;
  await expect
    .poll(() => {
      // The newest one: a list closed a moment ago may not have left page.frames() yet.
      frame = page
        .frames()
        .filter((f) => f.url().includes('/offer/offer.html') && !f.isDetached())
        .at(-1);
      return frame !== undefined;
    })
    .toBe(true);
  return frame!;
}

export const hasOfferFrame = (page: Page) =>
  page.frames().some((f) => f.url().includes('/offer/offer.html') && !f.isDetached());

/** The demo's autofill page, once its conditional request is pending. */
export async function openAutofillPage(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/autofill.html`);
  await expect(page.locator('#result')).toHaveAttribute('data-status', 'waiting');
}
