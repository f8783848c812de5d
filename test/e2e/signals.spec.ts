/**
 * The WebAuthn L3 §5.1.10 signal methods with Tapkey in front of the browser: every recorded call
 * (scripts/chrome-oracle/signal-cases.ts) settles as plain Chromium settled it, and the signals hide,
 * restore and rename Tapkey's own passkeys, with the hidden ones restorable from the popup.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { callSignal } from '../../scripts/chrome-oracle/record-signals.ts';
import { SIGNAL_CASES, type SignalOutcome } from '../../scripts/chrome-oracle/signal-cases.ts';
import { serviceWorker } from './browser.ts';
import { openPopupTab } from './demo-site.ts';
import { expect, prompt, test } from './fixtures.ts';
import { approved, create, get, openBlankPage } from './webauthn-calls.ts';

const fixture = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../fixtures/webidl/chrome-signal-outcomes.json'), 'utf8'),
) as { chromium: string; outcomes: Record<string, SignalOutcome> };

test.beforeEach(openBlankPage);

test(`every recorded signal call settles as Chromium ${fixture.chromium} settled it`, async ({ page }) => {
  const seen: Record<string, SignalOutcome> = {};
  for (const c of SIGNAL_CASES) seen[c.name] = await callSignal(page, c);
  expect(seen).toEqual(fixture.outcomes);
});

/** Runs a signal method in the page; its error's name, or "resolved". */
function signal(page: Page, method: string, options: Record<string, unknown>): Promise<string> {
  return page.evaluate(
    async ({ method, options }) => {
      const pkc = PublicKeyCredential as unknown as Record<string, (o: unknown) => Promise<undefined>>;
      try {
        await pkc[method]?.(options);
        return 'resolved';
      } catch (e) {
        return (e as Error).name;
      }
    },
    { method, options },
  );
}

/** The stored record's `hidden` flag and names, read straight from IndexedDB in the worker. */
async function stored(context: BrowserContext, id: string) {
  const worker = await serviceWorker(context);
  return worker.evaluate(
    (key) =>
      new Promise<{ hidden: boolean; userName: string; userDisplayName: string } | null>((done, fail) => {
        const open = indexedDB.open('tapkey-vault');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction('credentials').objectStore('credentials').get(key);
          request.onsuccess = () => {
            const r = request.result;
            done(
              r
                ? { hidden: r.hidden === true, userName: r.userName, userDisplayName: r.userDisplayName }
                : null,
            );
            open.result.close();
          };
        };
      }),
    id,
  );
}

const b64url = (bytes: number[]) => Buffer.from(bytes).toString('base64url');

test('signalUnknownCredential hides a passkey from sign-in; Restore in the popup brings it back', async ({
  page,
  context,
  extension,
}) => {
  const alice = await approved(context, page, create(page, { userName: 'alice', userId: [1] }));
  const bob = await approved(context, page, create(page, { userName: 'bob', userId: [2] }));

  // A bad call stores nothing: another site's RP ID, and an id that is not base64url.
  expect(await signal(page, 'signalUnknownCredential', { rpId: 'example.com', credentialId: alice.id })).toBe(
    'SecurityError',
  );
  expect(
    await signal(page, 'signalUnknownCredential', { rpId: 'localhost', credentialId: `${alice.id}=` }),
  ).toBe('TypeError');
  expect(await stored(context, alice.id)).toMatchObject({ hidden: false });

  expect(await signal(page, 'signalUnknownCredential', { rpId: 'localhost', credentialId: alice.id })).toBe(
    'resolved',
  );
  // Resolved means applied: the page's promise waits for Tapkey too.
  expect(await stored(context, alice.id)).toMatchObject({ hidden: true });
  expect(await stored(context, bob.id)).toMatchObject({ hidden: false });

  // Sign-in offers bob only.
  const signingIn = get(page);
  const popup = await prompt(context, page);
  const accounts = await popup.evaluate(() =>
    [...document.querySelectorAll('label.account strong')].map((s) => s.textContent),
  );
  expect(accounts).toEqual(['bob']);
  await popup.clickButton('Cancel');
  await popup.detach();
  expect((await signingIn).ok).toBe(false);

  const list = await openPopupTab(context, extension, 'Passkeys');
  const hidden = list.getByRole('region', { name: 'Hidden by the site' });
  await expect(hidden.getByRole('listitem', { name: 'alice on localhost' })).toBeVisible();
  await expect(list.getByRole('region', { name: 'localhost' }).getByRole('listitem')).toHaveCount(1);
  await hidden.getByRole('button', { name: 'Restore passkey alice on localhost' }).click();
  await expect(list.getByRole('region', { name: 'Hidden by the site' })).toHaveCount(0);
  await expect(list.getByRole('region', { name: 'localhost' }).getByRole('listitem')).toHaveCount(2);
  expect(await stored(context, alice.id)).toMatchObject({ hidden: false });
});

test('signalAllAcceptedCredentials hides the user’s unlisted passkeys and restores listed ones', async ({
  page,
  context,
}) => {
  const alice = await approved(context, page, create(page, { userName: 'alice', userId: [1] }));
  const bob = await approved(context, page, create(page, { userName: 'bob', userId: [2] }));
  const accepted = (ids: string[], userId = b64url([1])) =>
    signal(page, 'signalAllAcceptedCredentials', {
      rpId: 'localhost',
      userId,
      allAcceptedCredentialIds: ids,
    });

  expect(await accepted([])).toBe('resolved');
  expect(await stored(context, alice.id)).toMatchObject({ hidden: true });
  expect(await stored(context, bob.id)).toMatchObject({ hidden: false });
  expect(await accepted([alice.id])).toBe('resolved');
  expect(await stored(context, alice.id)).toMatchObject({ hidden: false });
  // A bad id anywhere in the list rejects the whole call, and nothing changes.
  expect(await accepted(['*'])).toBe('TypeError');
  expect(await stored(context, alice.id)).toMatchObject({ hidden: false });
});

test('signalCurrentUserDetails renames the user’s passkeys', async ({ page, context }) => {
  const alice = await approved(context, page, create(page, { userName: 'alice', userId: [1] }));
  const details = { rpId: 'localhost', userId: b64url([1]), name: 'alice@new', displayName: 'Alice New' };
  expect(await signal(page, 'signalCurrentUserDetails', { ...details, rpId: 'evil.example' })).toBe(
    'SecurityError',
  );
  expect(await stored(context, alice.id)).toMatchObject({ userName: 'alice' });
  expect(await signal(page, 'signalCurrentUserDetails', details)).toBe('resolved');
  expect(await stored(context, alice.id)).toMatchObject({
    userName: 'alice@new',
    userDisplayName: 'Alice New',
  });
});

test('getClientCapabilities says the signal methods are there', async ({ page }) => {
  const capabilities = await page.evaluate(() =>
    (
      PublicKeyCredential as unknown as { getClientCapabilities(): Promise<Record<string, boolean>> }
    ).getClientCapabilities(),
  );
  expect(capabilities).toMatchObject({
    signalAllAcceptedCredentials: true,
    signalCurrentUserDetails: true,
    signalUnknownCredential: true,
  });
});
