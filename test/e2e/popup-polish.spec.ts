/**
 * Issue 11's polish, as a user meets it: pinned accounts first, drag (and Move up/down) to reorder,
 * site icons from the browser's own favicon cache, a renamed passkey, "Show" on PIN fields, one
 * count on a wrong PIN, one button on "already registered".
 */
import type { Page } from '@playwright/test';
import { randomAccounts } from '../../scripts/bench/codes.ts';
import { accountToWire } from '../../src/messages/otp-account-wire.ts';
import { openPopupTab } from './demo-site.ts';
import { answerAndWait, approve, expect, prompt, test } from './fixtures.ts';
import { clickToolbarButton } from './otp-fixtures.ts';
import { approved, create, get, openBlankPage } from './webauthn-calls.ts';

const URIS = [
  'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub',
  'otpauth://totp/Example.com:bob?secret=GEZDGNBVGY3TQOJQ&issuer=Example.com',
  'otpauth://totp/Cloud%20Corp:carol?secret=MFRGGZDFMZTWQ2LK&issuer=Cloud%20Corp',
];

/** The issuers of the Codes list, top to bottom. */
const issuers = (popup: Page) => popup.locator('#otp-list .otp-issuer').allTextContents();

test('codes: pinned first, drag and Move up/down reorder within a group, site icons', async ({
  context,
  extension,
}) => {
  const popup = await openPopupTab(context, extension);
  await popup.locator('#backup-details > summary').click();
  await popup.locator('#backup-text').fill(URIS.join('\n'));
  await popup.locator('#import-text').click();
  await expect(popup.locator('#codes-status')).toContainText('Imported 3 accounts');
  await expect.poll(() => issuers(popup)).toEqual(['GitHub', 'Example.com', 'Cloud Corp']);

  // Icons: the browser's favicon endpoint for the issuer's site; a letter where there is no site.
  const icon = popup.getByRole('listitem', { name: /Example\.com/ }).locator('.site-icon img');
  await expect(icon).toHaveAttribute(
    'src',
    `chrome-extension://${extension}/_favicon/?pageUrl=${encodeURIComponent('https://example.com/')}&size=32`,
  );
  await expect(icon).toHaveAttribute('alt', '');
  await expect.poll(() => icon.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  await expect(
    popup.getByRole('listitem', { name: /Cloud Corp/ }).locator('.site-icon.letter'),
  ).toHaveAttribute('data-letter', 'C');

  // Pin the last one: it goes first, and stays first after the popup opens again.
  await popup.getByRole('button', { name: 'More actions for Cloud Corp: carol' }).click();
  await popup.getByRole('button', { name: 'Pin Cloud Corp: carol' }).click();
  await expect(popup.locator('#codes-status')).toHaveText('Pinned Cloud Corp: carol: it is listed first.');
  await expect.poll(() => issuers(popup)).toEqual(['Cloud Corp', 'GitHub', 'Example.com']);
  await expect(popup.getByRole('listitem', { name: /Cloud Corp/ })).toContainText('pinned');
  await popup.reload();
  await expect.poll(() => issuers(popup)).toEqual(['Cloud Corp', 'GitHub', 'Example.com']);

  // The first unpinned account cannot move above the pinned one; it moves down with the keyboard.
  await popup.getByRole('button', { name: 'More actions for GitHub: alice' }).click();
  await expect(popup.getByRole('button', { name: 'Move up GitHub: alice' })).toBeDisabled();
  await popup.getByRole('button', { name: 'Move down GitHub: alice' }).click();
  await expect(popup.locator('#codes-status')).toHaveText('Moved GitHub: alice down.');
  await expect.poll(() => issuers(popup)).toEqual(['Cloud Corp', 'Example.com', 'GitHub']);

  // Drag GitHub by its grip above Example.com.
  const row = (name: RegExp) => popup.getByRole('listitem', { name });
  await row(/GitHub/)
    .locator('.otp-drag')
    .dragTo(row(/Example\.com/), { targetPosition: { x: 150, y: 4 } });
  await expect(popup.locator('#codes-status')).toHaveText('Moved GitHub: alice.');
  await expect.poll(() => issuers(popup)).toEqual(['Cloud Corp', 'GitHub', 'Example.com']);
  // Not above the pinned account: a drop there does nothing.
  await row(/Example\.com/)
    .locator('.otp-drag')
    .dragTo(row(/Cloud Corp/), { targetPosition: { x: 150, y: 4 } });
  await expect.poll(() => issuers(popup)).toEqual(['Cloud Corp', 'GitHub', 'Example.com']);

  // Unpinned, it keeps the place the moves gave it: the top of the user's order.
  await popup.getByRole('button', { name: 'More actions for Cloud Corp: carol' }).click();
  await popup.getByRole('button', { name: 'Unpin Cloud Corp: carol' }).click();
  await expect(popup.locator('#codes-status')).toHaveText('Unpinned Cloud Corp: carol.');
  await expect(row(/Cloud Corp/)).not.toContainText('pinned');
  await expect.poll(() => issuers(popup)).toEqual(['Cloud Corp', 'GitHub', 'Example.com']);
});

test('pasted text that is no otpauth:// link is named as such, under the field', async ({
  context,
  extension,
}) => {
  const popup = await openPopupTab(context, extension);
  // "From image…" opens the file picker; the input behind it is no tab stop of its own.
  const [picker] = await Promise.all([
    popup.waitForEvent('filechooser'),
    popup.locator('#pick-image').click(),
  ]);
  expect(picker.element()).toBeTruthy();
  await expect(popup.locator('#qr-file')).toBeHidden();
  await popup.locator('#add-panel details.add-more > summary').first().click();
  await popup.locator('#otp-paste').fill('JBSWY3DPEHPK3PXP');
  await popup.locator('#paste-add').click();
  await expect(popup.locator('#otp-paste-error')).toHaveText(/^This is not an otpauth:\/\/ link\./);
  await expect(popup.locator('#otp-paste')).toHaveAttribute('aria-invalid', 'true');
  await expect(popup.locator('#add-error')).toBeEmpty();

  // A good line among bad ones is added; the others are named by their line.
  await popup.locator('#otp-paste').fill(`hello\n${URIS[0]}`);
  await popup.locator('#paste-add').click();
  await expect(popup.locator('#codes-status')).toHaveText(
    'Added 1 account; 1 skipped:\nline 1: not an otpauth:// link.',
  );
});

test('the toolbar popup keeps its width: a long status line wraps, a tall page scrolls', async ({
  page,
  context,
  server,
  extension,
}) => {
  await page.goto(`${server.url}/pages/blank.html`);
  const popup = await clickToolbarButton(context, page, extension);
  await popup.waitFor('#codes-status');
  const width = () => popup.evaluate(() => window.innerWidth);
  expect(await width()).toBe(380);
  // Chrome resizes the popup to its content after the next layout: wait for that resize (the content
  // grows taller than the popup may be, so there is always one), then look at the size it chose.
  const resized = await popup.evaluate(
    () =>
      new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => resolve(false), 5_000);
        window.addEventListener(
          'resize',
          () => {
            clearTimeout(timer);
            resolve(true);
          },
          { once: true },
        );
        for (const d of document.querySelectorAll('details')) (d as HTMLDetailsElement).open = true;
        const status = document.querySelector('#codes-status')!;
        status.textContent = `Could not fill: https://example.com/${'x'.repeat(200)}`;
      }),
  );
  expect(resized, 'Chrome resized the popup to its grown content').toBe(true);
  expect(await popup.evaluate(() => document.documentElement.scrollHeight > window.innerHeight)).toBe(true);
  expect(await width()).toBe(380);
  await popup.close();
});

test.describe('with a page of the demo site open', () => {
  test.beforeEach(openBlankPage);

  test('a renamed passkey shows its new name in the list and in the chooser', async ({
    page,
    context,
    extension,
  }) => {
    await approved(context, page, create(page, { userName: 'alice', userId: [1] }));
    await approved(context, page, create(page, { userName: 'bob', userId: [2] }));
    const popup = await openPopupTab(context, extension, 'Passkeys');
    await popup.getByRole('button', { name: 'Rename passkey alice on localhost' }).click();
    const name = popup.getByLabel('Name shown in Tapkey');
    await expect(name).toBeFocused();
    await expect(name).toHaveValue('alice');
    await name.fill('  Work laptop ');
    await popup.getByRole('button', { name: 'Save' }).click();
    const item = popup.getByRole('listitem', { name: 'alice on localhost' });
    await expect(item.locator('.who')).toHaveText('aliceWork laptop');
    await expect(item.getByRole('button', { name: 'Rename passkey alice on localhost' })).toBeFocused();
    await popup.close();

    await page.bringToFront();
    const signed = get(page);
    const chooser = await prompt(context, page);
    const shown = await chooser.evaluate(() =>
      [...document.querySelectorAll('label.account > span')].map((s) => s.textContent),
    );
    expect(shown.some((text) => text?.startsWith('alice Work laptop'))).toBe(true);
    await chooser.detach();
    await approve(context, page, { account: 'alice' });
    expect((await signed).ok).toBe(true);
  });

  test('prompt: Show PIN, one true count on a wrong PIN, one button when already registered', async ({
    page,
    context,
  }) => {
    const made = create(page, { userVerification: 'required' });
    const setup = await prompt(context, page);
    await setup.fill('#pin', '2468');
    await setup.clickButton('Show new PIN');
    expect(await setup.evaluate(() => document.querySelector<HTMLInputElement>('#pin')?.type)).toBe('text');
    expect(await setup.evaluate(() => document.querySelector<HTMLInputElement>('#pin-confirm')?.type)).toBe(
      'password',
    );
    await setup.fill('#pin-confirm', '2468');
    await answerAndWait(setup, () => setup.click('#approve'));
    const reg = await made;
    if (!reg.ok) throw new Error(reg.message);

    const signed = get(page, { allowIds: [reg.id], userVerification: 'required' });
    const ask = await prompt(context, page);
    const counts = () =>
      ask.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('section.prompt *')]
          .filter((el) => el.childElementCount === 0 && el.offsetParent !== null)
          .map((el) => el.textContent ?? '')
          .filter((text) => /attempts? left/.test(text)),
      );
    expect(await counts()).toEqual(['8 attempts left before the PIN is blocked']);
    await ask.fill('#pin', '0000');
    await ask.click('#approve');
    expect(await ask.nonEmptyText('#prompt-error')).toBe('Wrong PIN; 7 attempts left.');
    expect(await counts()).toEqual(['Wrong PIN; 7 attempts left.']);
    expect(await ask.evaluate(() => document.querySelector('#pin')?.getAttribute('aria-invalid'))).toBe(
      'true',
    );
    await ask.fill('#pin', '2468');
    await answerAndWait(ask, () => ask.click('#approve'));
    expect((await signed).ok).toBe(true);

    const again = create(page, { excludeIds: [reg.id] });
    const excluded = await prompt(context, page);
    expect(
      await excluded.evaluate(() =>
        [...document.querySelectorAll('.actions button')].map((b) => b.textContent),
      ),
    ).toEqual(['OK']);
    await answerAndWait(excluded, () => excluded.click('#approve'));
    expect(await again).toMatchObject({ ok: false, name: 'InvalidStateError' });
  });
});

test('a list longer than its first screen: every account in order, and a move far down touches only its neighbours', async ({
  context,
  extension,
}) => {
  const popup = await openPopupTab(context, extension);
  const added = await popup.evaluate(async (accounts) => {
    const res = (await chrome.runtime.sendMessage({
      name: 'otp/add',
      payload: { accounts, onDuplicate: 'add' },
    })) as { ok: boolean; added?: number };
    return res.added;
  }, randomAccounts(30).map(accountToWire));
  expect(added).toBe(30);
  const inOrder = Array.from({ length: 30 }, (_, i) => `Issuer ${i}`);
  // The first screen comes first; the rest follow once it is painted.
  await popup.reload();
  await expect.poll(() => issuers(popup)).toEqual(inOrder);

  await popup.getByRole('button', { name: 'More actions for Issuer 20: user20@example.com' }).click();
  await popup.getByRole('button', { name: 'Move up Issuer 20: user20@example.com' }).click();
  await expect(popup.locator('#codes-status')).toHaveText('Moved Issuer 20: user20@example.com up.');
  // The keyboard stays on the moved account, past the rows built before the first paint.
  await expect(
    popup.getByRole('button', { name: 'More actions for Issuer 20: user20@example.com' }),
  ).toBeFocused();
  const moved = [...inOrder];
  [moved[19], moved[20]] = [moved[20]!, moved[19]!];
  await expect.poll(() => issuers(popup)).toEqual(moved);
  await popup.reload();
  await expect.poll(() => issuers(popup)).toEqual(moved);
});
