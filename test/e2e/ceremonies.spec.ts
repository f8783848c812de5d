/** Raw-API ceremonies through the real popup: shapes, chooser, every error path. */
import { serviceWorker } from './browser.ts';
import {
  approve,
  cancel,
  expect,
  prompt,
  storedCredentialCount,
  test,
  waitForPopupClosed,
} from './fixtures.ts';
import { clickToolbarButton } from './otp-fixtures.ts';
import { PopupDriver, PopupGone } from './popup-driver.ts';
import { abortCall, approved, create, get, openBlankPage } from './webauthn-calls.ts';

test.beforeEach(openBlankPage);

test('results are real-looking PublicKeyCredentials', async ({ page, context, server }) => {
  const reg = await approved(context, page, create(page, { userName: 'alice' }));
  expect(reg).toMatchObject({
    type: 'public-key',
    isPublicKeyCredential: true,
    rawIdIsArrayBuffer: true,
    responseBuffersAreArrayBuffers: true,
    attachment: 'cross-platform',
    transports: ['usb'],
    publicKeyAlgorithm: -7,
    publicKeyLength: 91,
    extensions: { credProps: { rk: true } },
    clientData: { type: 'webauthn.create', origin: server.url, crossOrigin: false },
  });
  expect(reg.toJSONKeys).toEqual([
    'authenticatorAttachment',
    'clientExtensionResults',
    'id',
    'rawId',
    'response',
    'type',
  ]);
  expect(reg.flags & 0x45).toBe(0x41); // UP + AT, no UV

  const auth = await approved(context, page, get(page, { allowIds: [reg.id] }));
  expect(auth).toMatchObject({
    id: reg.id,
    isPublicKeyCredential: true,
    signCount: 1,
    authenticatorDataLength: 37,
    clientData: { type: 'webauthn.get', origin: server.url, crossOrigin: false },
  });
});

test('two users on one RP: chooser for discoverable sign-in, allowCredentials narrows it', async ({
  page,
  context,
}) => {
  // Each registration settles before the next begins: like Chrome, Tapkey refuses a second call from
  // a document while its first is pending ("A request is already pending."), and Approve returns as
  // soon as the prompt goes, a moment before the page has its credential.
  const alice = create(page, { userName: 'alice', userId: [1] });
  await approve(context, page);
  const a = await alice;
  const bob = create(page, { userName: 'bob', userId: [2] });
  await approve(context, page);
  const b = await bob;
  if (!a.ok || !b.ok) throw new Error('registration failed');

  const chosen = get(page);
  const popup = await prompt(context, page);
  const names = await popup.evaluate(() =>
    [...document.querySelectorAll('label.account strong')].map((e) => e.textContent),
  );
  expect(names.sort()).toEqual(['alice', 'bob']);
  expect(await popup.text('legend')).toBe('Choose an account');
  await popup.detach();
  await approve(context, page, { account: 'bob' });
  const result = await chosen;
  expect(result.ok && result.id).toBe(b.id);
  expect(result.ok && result.userHandle).toBe('\u0002');

  const narrowed = get(page, { allowIds: [a.id] });
  const single = await prompt(context, page);
  expect(await single.evaluate(() => document.querySelectorAll('label.account').length)).toBe(1);
  // The keyboard way: to the account, then Enter.
  await single.press('Tab');
  await single.press('Enter');
  const viaAllow = await narrowed;
  expect(viaAllow.ok && viaAllow.id).toBe(a.id);
});

test('excludeCredentials: InvalidStateError only after the tap, nothing new stored', async ({
  page,
  context,
}) => {
  const reg = await approved(context, page, create(page));
  const again = create(page, { excludeIds: [reg.id] });
  const popup = await prompt(context, page);
  expect(await popup.text('#prompt-title')).toContain('already registered');
  await popup.click('#approve');
  expect(await again).toMatchObject({ ok: false, name: 'InvalidStateError' });
  expect(await storedCredentialCount(context)).toBe(1);
});

test('Cancel, Escape and closing the popup all give NotAllowedError', async ({ page, context }) => {
  const cancelled = create(page);
  await cancel(context, page);
  expect(await cancelled).toMatchObject({ ok: false, name: 'NotAllowedError' });

  const escaped = create(page);
  const popup = await prompt(context, page);
  await popup.press('Escape');
  expect(await escaped).toMatchObject({ ok: false, name: 'NotAllowedError' });
  await waitForPopupClosed(context, page);

  const closed = create(page);
  const another = await prompt(context, page);
  await another.close();
  expect(await closed).toMatchObject({ ok: false, name: 'NotAllowedError' });
  expect(await storedCredentialCount(context)).toBe(0);
});

test('abort signal: AbortError, and the prompt goes away', async ({ page, context }) => {
  const aborted = create(page, { abort: 'on demand' });
  // The page aborts while the user looks at the prompt (armed: it is fully shown).
  await (await prompt(context, page)).detach();
  await abortCall(page);
  expect(await aborted).toMatchObject({ ok: false, name: 'AbortError' });
  await waitForPopupClosed(context, page);
  expect(await storedCredentialCount(context)).toBe(0);
});

test('timeout expiry: NotAllowedError', async ({ page, context }) => {
  test.setTimeout(40_000);
  const started = Date.now();
  // 10 s is the client's lower bound (Chromium's too): nobody can tap faster than that reliably.
  const timedOut = create(page, { timeout: 1 });
  await prompt(context, page);
  expect(await timedOut).toMatchObject({ ok: false, name: 'NotAllowedError' });
  expect(Date.now() - started).toBeGreaterThanOrEqual(9_000);
  await waitForPopupClosed(context, page);
});

test('bad input gets the right DOMException and stores nothing', async ({ page, context }) => {
  expect(await create(page, { rpId: 'example.com' })).toMatchObject({ ok: false, name: 'SecurityError' });
  expect(await create(page, { rpId: 'calhost' })).toMatchObject({ ok: false, name: 'SecurityError' });
  expect(await get(page, { rpId: 'evil.localhost' })).toMatchObject({ ok: false, name: 'SecurityError' });
  expect(await create(page, { omit: ['challenge'] })).toMatchObject({ ok: false, name: 'TypeError' });
  expect(await create(page, { omit: ['user'] })).toMatchObject({ ok: false, name: 'TypeError' });
  expect(await create(page, { userId: new Array(65).fill(1) })).toMatchObject({
    ok: false,
    name: 'TypeError',
  });
  // An empty user.id is accepted, as Chrome accepts it (test/e2e/chrome-parity.spec.ts replays it).
  expect(
    await page.evaluate(() =>
      navigator.credentials
        .create({ publicKey: { challenge: 'not a buffer' } } as unknown as CredentialCreationOptions)
        .then(
          () => 'resolved',
          (e: Error) => e.name,
        ),
    ),
  ).toBe('TypeError');
  // Only RS256 offered: the key supports none of it → NotAllowedError, and no prompt at all.
  expect(await create(page, { algs: [-257] })).toMatchObject({ ok: false, name: 'NotAllowedError' });
  expect(await storedCredentialCount(context)).toBe(0);
});

test('sign-in with no passkey here: prompt says so, cancel is NotAllowedError', async ({ page, context }) => {
  const nothing = get(page);
  const popup = await prompt(context, page);
  expect(await popup.text('.note')).toContain('No passkey for localhost');
  await popup.clickButton('Cancel');
  expect(await nothing).toMatchObject({ ok: false, name: 'NotAllowedError' });
});

test('keyboard: a stray Enter never approves; Tab to Approve and Enter does', async ({ page, context }) => {
  const made = create(page);
  const popup = await prompt(context, page);
  // A fresh Enter meant for the page lands on the prompt, not on Approve: nothing happens (issue 8).
  await popup.press('Enter');
  // Auto-repeated key presses (a key still held from the page) never answer, even on a focused button.
  await popup.press('Enter', { autoRepeat: true });
  expect(await popup.evaluate(() => document.activeElement?.id)).not.toBe('approve');
  await popup.press('Tab');
  await popup.press('Tab');
  expect(await popup.evaluate(() => document.activeElement?.id)).toBe('approve');
  await popup.press('Enter', { autoRepeat: true });
  expect(await popup.text('#prompt-title')).toContain('wants to create a passkey');
  await popup.press('Enter');
  expect((await made).ok).toBe(true);
});

test('other credential types go to the browser untouched', async ({ page }) => {
  const result = await page.evaluate(() =>
    navigator.credentials.get({ password: true } as CredentialRequestOptions).then(
      (c) => `resolved ${String(c)}`,
      (e: Error) => e.name,
    ),
  );
  expect(result).toBe('resolved null');
});

test('aborting at once, again and again, leaves no prompt behind', async ({ page, context }) => {
  for (let i = 1; i <= 5; i++) {
    expect(await create(page, { abort: 'at once', userId: [i] })).toMatchObject({
      ok: false,
      name: 'AbortError',
    });
  }
  // The page has its AbortErrors at once; the worker hears of each abort a moment later. A request
  // that reached it got a prompt, which its abort removes: wait until the storage.session mirror a
  // restarted worker would read is empty, and no prompt window is open.
  const worker = await serviceWorker(context);
  const left = () =>
    worker.evaluate(async () => {
      const { prompts } = await chrome.storage.session.get('prompts');
      return Array.isArray(prompts) ? prompts.length : 0;
    });
  await expect.poll(left, { timeout: 10_000 }).toBe(0);
  await waitForPopupClosed(context, page, 10_000);
  // And the document may ask again: nothing is left "pending".
  const made = create(page, { userId: [9] });
  await approve(context, page);
  expect((await made).ok).toBe(true);
});

test('a prompt that replaces another on screen waits a full second before Approve arms', async ({
  page,
  context,
  server,
}) => {
  // A second tab in a window of its own queues a request behind the first.
  const [other] = await Promise.all([
    context.waitForEvent('page'),
    page.evaluate(
      (src) => void window.open(src, '_blank', 'popup,width=500,height=400'),
      `${server.url}/pages/blank.html`,
    ),
  ]);
  await other.waitForLoadState();
  const first = create(page, { userName: 'first', abort: 'on demand' });
  const popup = await prompt(context, page);
  const second = create(other, { userName: 'second', userId: [9] });
  await popup.nonEmptyText('.queued');
  // Record, in the popup, when each prompt appears and when its Approve arms.
  await popup.evaluate(() => {
    const times: Record<string, { shown: number; armed?: number }> = {};
    (window as unknown as { armingTimes: typeof times }).armingTimes = times;
    new MutationObserver((records) => {
      for (const r of records) {
        for (const node of r.type === 'childList' ? [...r.addedNodes] : [r.target]) {
          if (!(node instanceof HTMLElement) || !node.matches('section.prompt')) continue;
          const id = node.dataset.promptId ?? '';
          times[id] ??= { shown: performance.now() };
          if (node.hasAttribute('data-armed')) times[id].armed ??= performance.now();
        }
      }
    }).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-armed'],
    });
  });
  // The first page aborts while the user looks at its prompt: the queued one takes its place.
  await abortCall(page);
  expect(await first).toMatchObject({ ok: false, name: 'AbortError' });
  await expect.poll(() => popup.text('#prompt-title')).toContain('for second');
  await popup.waitFor('section.prompt[data-armed]');
  const times = await popup.evaluate(() =>
    Object.values(
      (window as unknown as { armingTimes: Record<string, { shown: number; armed?: number }> }).armingTimes,
    ),
  );
  const replaced = times.find((t) => t.armed !== undefined);
  // The observer sees the prompt a moment after its timer started: a few ms of slack, far from 500.
  expect(replaced && replaced.armed! - replaced.shown).toBeGreaterThanOrEqual(950);
  // The window may close before the click's own reply comes back: the page's answer is the proof.
  await popup.clickButton('Cancel').catch((e: unknown) => {
    if (!(e instanceof PopupGone)) throw e;
  });
  expect(await second).toMatchObject({ ok: false, name: 'NotAllowedError' });
});

test('the prompt survives the user looking elsewhere: click the page, switch tabs, come back, approve', async ({
  page,
  context,
  server,
}) => {
  const made = create(page);
  const popup = await prompt(context, page);
  // The user clicks the page to check which account this is, and looks at another tab.
  await page.bringToFront();
  await page.mouse.click(10, 10);
  const other = await context.newPage();
  await other.goto(`${server.url}/pages/blank.html`);
  await page.bringToFront();
  await other.close();
  // Still waiting, in the same prompt window.
  expect(await popup.text('#prompt-title')).toContain('wants to create a passkey');
  await popup.click('#approve');
  expect((await made).ok).toBe(true);
});

test('closing the prompt window is Cancel; the toolbar popup shows the waiting request and closing it is not', async ({
  page,
  context,
  extension,
}) => {
  const made = create(page);
  const window = await prompt(context, page);
  // The toolbar button while a request waits: the same request, in the toolbar popup.
  await page.bringToFront();
  await clickToolbarButton(context, page, extension);
  const toolbar = await PopupDriver.waitFor(context, page, 10_000, (url) => !url.includes('window=1'));
  expect(await toolbar.text('#prompt-title')).toContain('wants to create a passkey');
  await toolbar.close();
  // Still pending: the prompt window still shows it. Closing that window is the user's Cancel.
  expect(await window.text('#prompt-title')).toContain('wants to create a passkey');
  await window.close();
  expect(await made).toMatchObject({ ok: false, name: 'NotAllowedError' });
  expect(await storedCredentialCount(context)).toBe(0);
});

test('after the answer the prompt window goes and the page that asked has the focus again', async ({
  page,
  context,
}) => {
  const made = create(page);
  await approve(context, page);
  expect((await made).ok).toBe(true);
  await waitForPopupClosed(context, page);
  await expect.poll(() => page.evaluate(() => document.hasFocus())).toBe(true);
});
