/**
 * axe-core over every popup view and every prompt state, in light and in dark: WCAG 2.0/2.1 A and AA
 * rules, zero violations. Each state is also checked for horizontal overflow: the popup is 380 px wide
 * and must never grow (Chrome sizes the toolbar popup to its content, so anything wider widens it).
 */
import type { BrowserContext, Page } from '@playwright/test';
import axe from 'axe-core';
import { offerFrame, openAutofillPage } from './autofill-list.ts';
import { openPopupTab, registerOnDemo } from './demo-site.ts';
import { answerAndWait, expect, prompt, test } from './fixtures.ts';
import type { PopupDriver } from './popup-driver.ts';
import { approved, create, get, openBlankPage } from './webauthn-calls.ts';

type Scheme = 'light' | 'dark';
const SCHEMES: readonly Scheme[] = ['light', 'dark'];

interface Finding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

interface Audit {
  violations: Finding[];
  /** Elements that reach past the body's right edge (the popup would grow by that much). */
  overflowing: string[];
}

/** Runs in the page: axe with the WCAG 2 A/AA tags, and the horizontal-overflow check. */
async function audit(): Promise<Audit> {
  const w = window as unknown as {
    axe: {
      run(
        context: Document,
        options: object,
      ): Promise<{
        violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
      }>;
    };
  };
  const result = await w.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    resultTypes: ['violations'],
  });
  const edge = document.body.getBoundingClientRect().right + 0.5;
  const describe = (el: Element) =>
    `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${typeof el.className === 'string' && el.className ? `.${el.className.split(' ').join('.')}` : ''}`;
  const overflowing: string[] = [];
  for (const el of document.body.querySelectorAll('*')) {
    const style = getComputedStyle(el);
    // A box that scrolls sideways is as broken as one that sticks out.
    if (/auto|scroll/.test(style.overflowX) && el.scrollWidth > el.clientWidth + 1) {
      overflowing.push(`${describe(el)} scrolls sideways (${el.scrollWidth} px in ${el.clientWidth} px)`);
    }
    const box = el.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) continue;
    // What an ancestor clips (an ellipsis, a scroll box) does not reach the popup's edge.
    let right = box.right;
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      if (getComputedStyle(up).overflowX !== 'visible')
        right = Math.min(right, up.getBoundingClientRect().right);
    }
    if (right > edge) overflowing.push(`${describe(el)} (right edge ${Math.round(right)} px)`);
    // Text that sticks out of its own box (a long word in a heading) widens the popup too.
    if (style.overflowX === 'visible' && el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1) {
      overflowing.push(`${describe(el)}: its text is ${el.scrollWidth} px wide in ${el.clientWidth} px`);
    }
  }
  return {
    violations: result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    })),
    overflowing,
  };
}

/** What `expect` prints when a state fails: each rule, and where. */
function report(state: string, found: Audit): string {
  const lines = found.violations.map(
    (v) => `  ${v.id} (${v.impact}): ${v.help}\n    ${v.targets.join('\n    ')}`,
  );
  if (found.overflowing.length)
    lines.push(`  wider than the popup:\n    ${found.overflowing.join('\n    ')}`);
  return `${state}:\n${lines.join('\n')}`;
}

/** The popup page in a tab: each state in light and dark. */
async function checkPage(page: Page, state: string): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });
    const found = await page.evaluate(audit);
    expect.soft(found, report(`${state}, ${scheme}`, found)).toEqual({ violations: [], overflowing: [] });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/**
 * PopupDriver.evaluate sends `fn.toString()` to the popup (the page's CSP allows no eval of a string
 * inside it): a stand-in whose text is axe's own source, so it installs `window.axe`.
 */
const installAxe = {
  toString: () => `() => { if (!('axe' in window)) { ${axe.source} } return true; }`,
} as unknown as () => boolean;

/** The real prompt: its state in light and dark. */
async function checkPrompt(popup: PopupDriver, state: string): Promise<void> {
  await popup.evaluate(installAxe);
  for (const scheme of SCHEMES) {
    await popup.colorScheme(scheme);
    const found = await popup.evaluate(audit);
    expect
      .soft(found, report(`prompt: ${state}, ${scheme}`, found))
      .toEqual({ violations: [], overflowing: [] });
  }
  await popup.colorScheme('light');
}

/** A prompt, checked, then answered with `answer` (which waits until the popup moved on). */
async function promptState(
  context: BrowserContext,
  page: Page,
  state: string,
  answer: (popup: PopupDriver) => Promise<void>,
): Promise<void> {
  const popup = await prompt(context, page);
  await checkPrompt(popup, state);
  await answer(popup);
}

const cancelIt = (popup: PopupDriver) => answerAndWait(popup, () => popup.press('Escape'));
const approveIt = (popup: PopupDriver) => answerAndWait(popup, () => popup.click('#approve'));

/** 77 characters, as in the issue: the heading wraps and the e-mail keeps its domain. */
const LONG_NAME = 'firstname.middlename.lastname.and-some-more-word@accounts.example-company.com';

test('every prompt state has no axe violations, in light and dark', async ({ page, context, server }) => {
  test.setTimeout(180_000);
  await openBlankPage({ page, server });
  expect(LONG_NAME).toHaveLength(77);

  const nothing = get(page);
  await promptState(context, page, 'sign in with no passkey here', cancelIt);
  expect((await nothing).ok).toBe(false);

  const hinted = create(page, { hints: ['security-key', 'hybrid'], userId: [9] });
  await promptState(context, page, 'create with the site’s hints', cancelIt);
  expect((await hinted).ok).toBe(false);

  const first = create(page, { userName: LONG_NAME, userId: [1] });
  await promptState(context, page, 'create (a 77-character account name)', async (popup) => {
    const title = await popup.text('#prompt-title');
    expect(title).toContain('@accounts.example-company.com');
    await approveIt(popup);
  });
  const reg = await first;
  if (!reg.ok) throw new Error(reg.message);
  await approved(context, page, create(page, { userName: 'bob', userId: [2] }));

  const chosen = get(page);
  await promptState(context, page, 'sign in with the account chooser', approveIt);
  expect((await chosen).ok).toBe(true);

  const excluded = create(page, { userId: [3], excludeIds: [reg.id] });
  await promptState(context, page, 'already registered (excludeCredentials)', approveIt);
  expect(await excluded).toMatchObject({ ok: false, name: 'InvalidStateError' });

  const withUv = create(page, { userName: 'carol', userId: [4], userVerification: 'required' });
  await promptState(context, page, 'PIN setup offered', async (popup) => {
    await popup.fill('#pin', '2468');
    await popup.fill('#pin-confirm', '2468');
    await approveIt(popup);
  });
  expect((await withUv).ok).toBe(true);

  const signed = get(page, { allowIds: [reg.id], userVerification: 'required' });
  const ask = await prompt(context, page);
  await checkPrompt(ask, 'PIN needed');
  await ask.fill('#pin', '0000');
  await ask.click('#approve');
  expect(await ask.nonEmptyText('#prompt-error')).toBe('Wrong PIN; 7 attempts left.');
  await checkPrompt(ask, 'wrong PIN');
  await ask.fill('#pin', '2468');
  await answerAndWait(ask, () => ask.click('#approve'));
  expect((await signed).ok).toBe(true);
});

/** Adds accounts through the worker, as the Add panel does. */
async function addAccounts(popup: Page, uris: string): Promise<void> {
  await popup.locator('#backup-details > summary').click();
  await popup.locator('#backup-text').fill(uris);
  await popup.locator('#import-text').click();
  await expect(popup.locator('#codes-status')).toContainText('Imported');
}

test('every popup view has no axe violations, in light and dark', async ({
  page,
  context,
  server,
  extension,
}) => {
  test.setTimeout(180_000);
  const popup = await openPopupTab(context, extension);

  // Codes, empty: the Add panel opens by itself.
  await expect(popup.locator('#scan-qr')).toBeVisible();
  await checkPage(popup, 'Codes, empty (Add panel open)');

  // Pasted text that is no otpauth:// link: the error stands under the field.
  await popup.locator('#add-panel details.add-more > summary').first().click();
  await popup.locator('#otp-paste').fill('hello');
  await popup.locator('#paste-add').click();
  await expect(popup.locator('#otp-paste-error')).toContainText('not an otpauth:// link');
  await checkPage(popup, 'Codes, paste error');

  // A status line with a very long word (an entry named by 300 letters) wraps instead of widening.
  const long = 'x'.repeat(300);
  await addAccounts(
    popup,
    [
      'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub',
      'otpauth://totp/Example.com:bob?secret=GEZDGNBVGY3TQOJQ&issuer=Example.com',
      `otpauth://totp/${long}:carol@${long}.example?secret=MFRGGZDFMZTWQ2LK&issuer=${long}`,
      `otpauth://totp/${'y'.repeat(1_100)}:dan?secret=MFRGGZDFMZTWQ2LK`,
    ].join('\n'),
  );
  await expect(popup.locator('#codes-status')).toContainText('1 skipped');
  await checkPage(popup, 'Codes, with accounts and a long status line');

  await popup.getByRole('button', { name: 'More actions for GitHub: alice' }).click();
  await expect(popup.getByRole('button', { name: 'Move down GitHub: alice' })).toBeVisible();
  await checkPage(popup, 'Codes, row menu open');

  await popup.getByRole('button', { name: '+ Add' }).click();
  await expect(popup.locator('#scan-qr')).toBeVisible();
  await checkPage(popup, 'Codes, Add panel open');

  await popup.locator('#backup-details > summary').click();
  await popup.locator('#clock-details > summary').click();
  await expect(popup.locator('#export-aegis')).toBeVisible();
  await checkPage(popup, 'Codes, backup and clock open');

  await popup.getByRole('tab', { name: 'Passkeys' }).click();
  await expect(popup.getByText('No passkeys yet.')).toBeVisible();
  await checkPage(popup, 'Passkeys, empty');

  await popup.getByRole('tab', { name: 'Settings' }).click();
  await expect(popup.getByRole('heading', { name: 'Set a PIN' })).toBeVisible();
  for (const summary of await popup.locator('details > summary').all()) await summary.click();
  await checkPage(popup, 'Settings, no PIN');

  // Two passkeys, made through the real prompt (only the tab in front may ask).
  await openBlankPage({ page, server });
  await page.bringToFront();
  await approved(context, page, create(page, { userName: 'alice', userId: [1] }));
  const longOne = await approved(context, page, create(page, { userName: LONG_NAME, userId: [2] }));

  await popup.bringToFront();
  await popup.getByRole('tab', { name: 'Codes' }).click();
  await popup.getByRole('tab', { name: 'Passkeys' }).click();
  await expect(popup.getByRole('region', { name: 'localhost' })).toBeVisible();
  await checkPage(popup, 'Passkeys, two passkeys');
  await popup.getByRole('button', { name: 'Rename passkey alice on localhost' }).click();
  await expect(popup.getByLabel('Name shown in Tapkey')).toBeFocused();
  await checkPage(popup, 'Passkeys, rename form open');

  // The site signals it no longer knows one (WebAuthn L3 §5.1.10): a "Hidden by the site" group.
  await page.evaluate(
    (credentialId) =>
      (
        PublicKeyCredential as unknown as {
          signalUnknownCredential(o: { rpId: string; credentialId: string }): Promise<void>;
        }
      ).signalUnknownCredential({ rpId: 'localhost', credentialId }),
    longOne.id,
  );
  await popup.getByRole('tab', { name: 'Codes' }).click();
  await popup.getByRole('tab', { name: 'Passkeys' }).click();
  await expect(popup.getByRole('region', { name: 'Hidden by the site' })).toBeVisible();
  await checkPage(popup, 'Passkeys, one hidden by the site');

  await popup.getByRole('tab', { name: 'Settings' }).click();
  await popup.getByLabel('New PIN', { exact: true }).fill('1357');
  await popup.getByLabel('Confirm new PIN', { exact: true }).fill('1357');
  await popup.getByRole('button', { name: 'Set PIN' }).click();
  await expect(popup.getByRole('heading', { name: 'Change PIN' })).toBeVisible();
  for (const summary of await popup.locator('details > summary').all()) await summary.click();
  await checkPage(popup, 'Settings, with a PIN');

  await popup.getByRole('button', { name: 'Lock now' }).click();
  await expect(popup.locator('#lock-state')).toContainText('Locked');
  await popup.getByRole('tab', { name: 'Codes' }).click();
  await expect(popup.locator('#otp-pin')).toBeVisible();
  await checkPage(popup, 'Codes, locked');
});

test('the passkey autofill list has no axe violations, in light and dark', async ({
  page,
  context,
  server,
}) => {
  await registerOnDemo(page, context, 'alice', server.url);
  await registerOnDemo(page, context, LONG_NAME);
  await openAutofillPage(page, server.url);
  await page.getByLabel('Username').click();
  const frame = await offerFrame(page);
  await expect(frame.getByRole('button', { name: `Sign in as ${LONG_NAME}` })).toBeVisible();
  await frame.evaluate(axe.source);
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });
    const found = await frame.evaluate(audit);
    expect
      .soft(found, report(`autofill list, ${scheme}`, found))
      .toEqual({ violations: [], overflowing: [] });
  }
});

test('the developer workbench has no axe violations, in light and dark', async ({
  page,
  context,
  server,
  extension,
}) => {
  const workbench = await context.newPage();
  await workbench.goto(`chrome-extension://${extension}/workbench/workbench.html`);
  await expect(workbench.locator('#log-count')).toHaveText('No ceremonies logged yet.');
  await checkPage(workbench, 'workbench: empty');
  await workbench.locator('#grant-origin').fill(server.url);
  await workbench.locator('#grant-uv').check();
  await workbench.getByRole('button', { name: 'Turn on' }).click();
  await workbench.locator('#grant-origin').fill('not an origin');
  await workbench.getByRole('button', { name: 'Turn on' }).click();
  await expect(workbench.locator('#grant-status')).toHaveClass(/error/);
  await page.bringToFront();
  await openBlankPage({ page, server });
  expect((await create(page, { userName: 'alice', userId: [1] })).ok).toBe(true);
  const entry = workbench.locator('#log-list > li').first();
  await expect(entry).toHaveAttribute('data-kind', 'create');
  await entry.locator('summary').click();
  await checkPage(workbench, 'workbench: an origin, an error, an entry open');
});
