/**
 * Passkeys as fixtures, round trip (issue 10): a passkey registered through Tapkey, exported in CDP's
 * WebAuthn.Credential shape, signs in to the demo relying party from a fresh Chromium (no extension)
 * through Chrome's CDP virtual authenticator, and in Playwright's `context.credentials` shape through
 * Playwright's virtual authenticator; and the reverse: credentials those authenticators made, read
 * back and imported into Tapkey, sign in through Tapkey.
 */
import { type Browser, type BrowserContext, chromium, type Page } from '@playwright/test';
import { VIRTUAL_AUTHENTICATOR_OPTIONS } from '../../scripts/virtual-authenticator-options.ts';
import { chromiumPath } from './browser.ts';
import { expect, test } from './fixtures.ts';
import { grantOrigin, openWorkbench } from './workbench-page.ts';

interface CdpCredential {
  credentialId: string;
  rpId?: string;
  privateKey: string;
  signCount: number;
}

async function plainBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu'],
  });
}

/** Chrome's own virtual authenticator (CDP WebAuthn domain) on `page`, with automatic presence and UV. */
async function virtualAuthenticator(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: VIRTUAL_AUTHENTICATOR_OPTIONS,
  });
  return { cdp, authenticatorId };
}

async function register(page: Page, url: string, userName: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Username').fill(userName);
  await page.getByRole('button', { name: 'Register' }).click();
  await expect(page.locator('#result')).toContainText('"verified": true');
}

async function signIn(page: Page, url: string, userName: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Username').fill(userName);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.locator('#result')).toHaveAttribute('data-status', 'ok');
}

async function exportFrom(workbench: Page, shape: 'cdp' | 'playwright'): Promise<unknown[]> {
  await workbench.locator('#export-shape').selectOption(shape);
  await workbench.locator('#export-rp').fill('localhost');
  await workbench.getByRole('button', { name: 'Export' }).click();
  await expect(workbench.locator('#credentials-status')).toContainText('exported');
  return JSON.parse(await workbench.locator('#export-output').inputValue()) as unknown[];
}

async function importInto(workbench: Page, credentials: unknown[]): Promise<void> {
  await workbench.locator('#import-input').fill(JSON.stringify(credentials));
  await workbench.getByRole('button', { name: 'Import' }).click();
  await expect(workbench.locator('#credentials-status')).toContainText(`${credentials.length} passkey`);
  await expect(workbench.locator('#credentials-status')).toContainText('added');
}

test('Tapkey → CDP virtual authenticator → Tapkey: each signs in with the other’s passkey', async ({
  page,
  context,
  server,
  extension,
}) => {
  test.setTimeout(120_000);
  const workbench = await openWorkbench(context, extension);
  await grantOrigin(workbench, server.url);
  await page.bringToFront();
  await register(page, server.url, 'alice');

  const exported = (await exportFrom(workbench, 'cdp')) as CdpCredential[];
  expect(exported).toHaveLength(1);
  expect(exported[0]).toMatchObject({ rpId: 'localhost', isResidentCredential: true, signCount: 0 });

  const browser = await plainBrowser();
  try {
    const plain = await browser.newContext();
    const other = await plain.newPage();
    const { cdp, authenticatorId } = await virtualAuthenticator(plain, other);
    await cdp.send('WebAuthn.addCredential', { authenticatorId, credential: exported[0] as never });
    await signIn(other, server.url, 'alice');

    // The reverse: a passkey Chrome's virtual authenticator made, read back with its private key.
    await register(other, server.url, 'bob');
    const { credentials } = (await cdp.send('WebAuthn.getCredentials', { authenticatorId })) as {
      credentials: CdpCredential[];
    };
    const bobs = credentials.filter((c) => c.credentialId !== (exported[0] as CdpCredential).credentialId);
    expect(bobs).toHaveLength(1);
    await importInto(workbench, bobs);
  } finally {
    await browser.close();
  }
  await page.bringToFront();
  await signIn(page, server.url, 'bob');
});

test('Tapkey → Playwright context.credentials → Tapkey', async ({ page, context, server, extension }) => {
  test.setTimeout(120_000);
  const workbench = await openWorkbench(context, extension);
  await grantOrigin(workbench, server.url);
  await page.bringToFront();
  await register(page, server.url, 'carol');
  const [carol] = (await exportFrom(workbench, 'playwright')) as {
    id: string;
    rpId: string;
    userHandle: string;
    privateKey: string;
    publicKey: string;
    signCount: number;
  }[];
  if (!carol) throw new Error('nothing exported');

  const browser = await plainBrowser();
  try {
    const plain = await browser.newContext();
    const { rpId, ...known } = carol;
    await plain.credentials.create(rpId, known);
    await plain.credentials.install();
    const other = await plain.newPage();
    await signIn(other, server.url, 'carol');

    await register(other, server.url, 'dave');
    const made = (await plain.credentials.get({ rpId: 'localhost' })).filter((c) => c.id !== carol.id);
    expect(made).toHaveLength(1);
    await importInto(workbench, made);
  } finally {
    await browser.close();
  }
  await page.bringToFront();
  await signIn(page, server.url, 'dave');
});

test('with a PIN set, exporting private keys asks for it first', async ({ context, extension }) => {
  const workbench = await openWorkbench(context, extension);
  const set = await workbench.evaluate(() =>
    chrome.runtime.sendMessage({ name: 'settings/set-pin', payload: { newPin: '2468' } }),
  );
  expect(set).toEqual({ ok: true });
  await workbench.locator('#export-shape').selectOption('cdp');
  await workbench.getByRole('button', { name: 'Export' }).click();
  await expect(workbench.locator('#credentials-status')).toHaveText('Enter your PIN to continue.');
  await workbench.locator('#credentials-pin').fill('0000');
  await workbench.getByRole('button', { name: 'Export' }).click();
  await expect(workbench.locator('#credentials-status')).toContainText('Wrong PIN');
  await workbench.locator('#credentials-pin').fill('2468');
  await workbench.getByRole('button', { name: 'Export' }).click();
  await expect(workbench.locator('#credentials-status')).toContainText('0 passkeys exported');
});
