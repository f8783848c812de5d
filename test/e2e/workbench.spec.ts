/**
 * The developer workbench (issue 10): automatic presence per origin, the ceremony log with its
 * decoded parts, the AUTO badge, and that nothing happens for an origin the developer did not list.
 */
import { stopServiceWorker } from './browser.ts';
import { registerOnDemo } from './demo-site.ts';
import { expect, test } from './fixtures.ts';
import { badgeText, grantOrigin, openWorkbench, popupOpen } from './workbench-page.ts';

test('automatic presence: register and sign in without a prompt; the log decodes both', async ({
  page,
  context,
  server,
  extension,
}) => {
  const workbench = await openWorkbench(context, extension);
  await expect(workbench.locator('#log-count')).toHaveText('No ceremonies logged yet.');
  await grantOrigin(workbench, server.url, { uv: true });
  await expect(workbench.locator(`#grant-list li[data-pattern="${server.url}"] .badge.auto`)).toHaveText(
    'AUTO',
  );
  await expect.poll(() => badgeText(context)).toBe('AUTO');

  await page.bringToFront();
  await page.goto(server.url);
  await page.getByLabel('Username').fill('alice');
  await page.getByRole('button', { name: 'Register' }).click();
  await expect(page.locator('#result')).toContainText('"verified": true');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.locator('#result')).toHaveAttribute('data-status', 'ok');
  expect(await popupOpen(context, page)).toBe(false);

  // The log refreshes by itself: the get() on top, then the create().
  const entries = workbench.locator('#log-list > li');
  await expect(entries).toHaveCount(2);
  await expect(entries.nth(0)).toHaveAttribute('data-kind', 'get');
  await expect(entries.nth(1)).toHaveAttribute('data-kind', 'create');

  const get = entries.nth(0);
  await get.locator('summary').click();
  const getFacts = get.locator('dl.facts');
  await expect(getFacts).toContainText('is SHA-256 of the RP ID');
  await expect(getFacts).toContainText('UP=1 UV=1 BE=0 BS=0 AT=0 ED=0');
  await expect(getFacts).toContainText('automatic presence');
  await expect(get.getByRole('heading', { name: 'Signature (DER and r‖s)' })).toBeVisible();
  await expect(get.getByRole('heading', { name: 'clientDataJSON' })).toBeVisible();

  const create = entries.nth(1);
  await create.locator('summary').click();
  await expect(create.locator('dl.facts')).toContainText('7a3c5e1f-9b2d-4c8e-a6f0-3d1b5e7c9a24');
  await expect(create.locator('dl.facts')).toContainText('UP=1 UV=1 BE=0 BS=0 AT=1 ED=0');
  const jwk = create.locator('pre', { hasText: '"jwk"' });
  await expect(jwk).toContainText('"crv": "P-256"');
  // Public data only: no private key member anywhere in the log.
  await expect(workbench.locator('#log-list')).not.toContainText('"d":');
  await expect(workbench.locator('#log-list')).not.toContainText('privateKey');

  // Copy as JSON: the whole entry, as the worker logged it (the page's clipboard call is watched;
  // reading the clipboard back would need a permission Tapkey does not ask for).
  await workbench.evaluate(() => {
    const w = window as unknown as { copied?: string };
    navigator.clipboard.writeText = async (text: string) => {
      w.copied = text;
    };
  });
  await create.getByRole('button', { name: 'Copy as JSON' }).click();
  await expect(create.getByRole('status')).toHaveText('Copied.');
  const copied = JSON.parse(
    await workbench.evaluate(() => (window as unknown as { copied?: string }).copied ?? ''),
  ) as { kind: string; authData: { rpIdHashMatches: boolean } };
  expect(copied).toMatchObject({ kind: 'create', authData: { rpIdHashMatches: true } });

  // Turned off: the prompt is back, and the badge says nothing.
  await workbench.getByRole('button', { name: `Remove ${server.url}` }).click();
  await expect.poll(() => badgeText(context)).toBe('');
  await workbench.getByRole('button', { name: 'Clear log' }).click();
  await expect(workbench.locator('#log-count')).toHaveText('No ceremonies logged yet.');
});

test('an origin not listed: the prompt asks, nothing is logged, and the page cannot reach the workbench', async ({
  page,
  context,
  server,
  extension,
}) => {
  const workbench = await openWorkbench(context, extension);
  await grantOrigin(workbench, 'http://localhost:1', { uv: true });
  await page.bringToFront();
  await registerOnDemo(page, context, 'bob', server.url);
  expect(
    await page.evaluate(
      () =>
        typeof (window as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime?.sendMessage,
    ),
  ).toBe('undefined');
  await workbench.reload();
  await expect(workbench.locator('#log-count')).toHaveText('No ceremonies logged yet.');
});

test('log only (no automatic presence): the prompt asks, and a refusal is logged with its rule', async ({
  page,
  context,
  server,
  extension,
}) => {
  const workbench = await openWorkbench(context, extension);
  await grantOrigin(workbench, 'localhost', { auto: false });
  await expect.poll(() => badgeText(context)).toBe('');
  await page.bringToFront();
  await page.goto(`${server.url}/pages/blank.html`);
  const refused = await page.evaluate(async () => {
    try {
      await navigator.credentials.create({
        publicKey: {
          challenge: new Uint8Array(16),
          rp: { id: 'example.com', name: 'x' },
          user: { id: new Uint8Array(1), name: 'a', displayName: 'a' },
          pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
        },
      });
      return 'created';
    } catch (e) {
      return (e as Error).name;
    }
  });
  expect(refused).toBe('SecurityError');
  const entry = workbench.locator('#log-list > li').first();
  await expect(entry).toHaveAttribute('data-outcome', 'error');
  await entry.locator('summary').click();
  await expect(entry.locator('dl.facts')).toContainText('WebAuthn L3 §5.1.3 step 8');

  // The log lives in storage.local: a stopped (and restarted) worker still has it.
  await stopServiceWorker(context, page);
  await workbench.reload();
  await expect(workbench.locator('#log-list > li')).toHaveCount(1);
  await expect(workbench.locator('#log-list > li').first()).toHaveAttribute('data-outcome', 'error');
});
