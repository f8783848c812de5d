/**
 * Authenticator profiles set in the workbench page reach the demo relying party
 * (@simplewebauthn/server): a U2F key's fido-u2f attestation under a test CA, a synced passkey's
 * BE/BS flags, transports and zero counter, an RS256 key made by the worker's WebCrypto; and an
 * origin not listed still meets Tapkey as it is. Each option alone is in profile.test.ts.
 */
import type { Page } from '@playwright/test';
import { registerOnDemo } from './demo-site.ts';
import { expect, test } from './fixtures.ts';
import { expectNoAxeViolations } from './workbench-axe.ts';
import { grantOrigin, openWorkbench, setProfile } from './workbench-page.ts';

/** Registers `user` on the demo page (no prompt: automatic presence), returns the server's JSON. */
async function register(page: Page, user: string, attestation: 'none' | 'direct'): Promise<string> {
  await page.getByLabel('Username').fill(user);
  await page.getByLabel('Attestation').selectOption(attestation);
  await page.getByRole('button', { name: 'Register' }).click();
  await expect(page.locator('#result')).toHaveAttribute('data-status', /ok|error/);
  return (await page.locator('#result').textContent()) ?? '';
}

async function signIn(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.locator('#result')).toHaveAttribute('data-status', /ok|error/);
  return (await page.locator('#result').textContent()) ?? '';
}

test('profiles set in the workbench: U2F, a synced passkey, RS256; the relying party sees each', async ({
  page,
  context,
  server,
  extension,
}) => {
  const workbench = await openWorkbench(context, extension);
  await grantOrigin(workbench, server.url, { uv: true });

  await setProfile(workbench, server.url, 'u2f');
  await expect(workbench.locator('#profile-ca-root')).toHaveValue(/^-----BEGIN CERTIFICATE-----/);
  await expect(workbench.locator(`#grant-list li[data-pattern="${server.url}"]`)).toContainText(
    'Profile: U2F security key',
  );
  await expectNoAxeViolations(workbench, 'workbench: a U2F profile with its test CA');
  await page.bringToFront();
  await page.goto(server.url);
  const u2f = await register(page, 'ursula', 'direct');
  expect(u2f).toContain('"verified": true');
  expect(u2f).toContain('"fmt": "fido-u2f"');
  expect(u2f).toContain('"aaguid": "00000000-0000-0000-0000-000000000000"');
  expect(u2f).toContain('"userVerified": false');
  expect(await signIn(page)).toContain('"newCounter": 1');
  const logged = workbench.locator('#log-list > li').nth(1);
  await logged.locator('summary').click();
  await expect(logged.locator('dl.facts')).toContainText('U2F security key');

  await setProfile(workbench, server.url, 'synced');
  await expect(workbench.locator('#profile-ca')).toBeHidden();
  await page.bringToFront();
  const synced = await register(page, 'sam', 'none');
  expect(synced).toContain('"credentialDeviceType": "multiDevice"');
  expect(synced).toContain('"credentialBackedUp": true');
  expect(synced).toMatch(/"transports": \[\s*"hybrid",\s*"internal"\s*\]/);
  expect(await signIn(page)).toContain('"newCounter": 0');
  expect(await signIn(page)).toContain('"newCounter": 0');

  await setProfile(workbench, server.url, 'rs256');
  await page.bringToFront();
  const rs = await register(page, 'rita', 'direct');
  expect(rs).toContain('"publicKeyAlgorithm": -257');
  expect(rs).toContain('"fmt": "packed"');
  expect(await signIn(page)).toContain('"newCounter": 1');

  // Back to the default: ES256 again.
  await workbench.getByRole('button', { name: 'Default profile' }).click();
  await expect(workbench.locator('#profile-status')).toContainText('default profile');
  await page.bringToFront();
  expect(await register(page, 'dora', 'none')).toContain('"publicKeyAlgorithm": -7');
});

test('a profile never reaches an origin that is not listed', async ({ page, context, server, extension }) => {
  const workbench = await openWorkbench(context, extension);
  await grantOrigin(workbench, 'http://localhost:1', { auto: false });
  await setProfile(workbench, 'http://localhost:1', 'rs256');
  await page.bringToFront();
  await page.goto(server.url);
  await page.getByLabel('Attestation').selectOption('direct');
  await registerOnDemo(page, context, 'nora');
  const result = (await page.locator('#result').textContent()) ?? '';
  expect(result).toContain('"publicKeyAlgorithm": -7');
  expect(result).toContain('"aaguid": "7a3c5e1f-9b2d-4c8e-a6f0-3d1b5e7c9a24"');
});
