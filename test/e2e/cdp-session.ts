/**
 * One CDP session per page for the test helpers, never detached while the page lives.
 *
 * Detaching any CDP session attached to a page turns Chrome's virtual authenticator environment off
 * for that page (Chromium's WebAuthnHandler::Disable runs for every session that goes, and disables
 * the environment of the frame, not only its own): a test that put a CDP virtual authenticator on
 * the page then sees the browser's own create()/get() wait forever for an authenticator. The popup
 * helpers used to open and detach a session per call, which did exactly that about one run in ten.
 */
import type { CDPSession, Page } from '@playwright/test';

const sessions = new WeakMap<Page, Promise<CDPSession>>();

export function helperSession(page: Page): Promise<CDPSession> {
  let session = sessions.get(page);
  if (!session) {
    session = page.context().newCDPSession(page);
    sessions.set(page, session);
    page.once('close', () => sessions.delete(page));
  }
  return session;
}
