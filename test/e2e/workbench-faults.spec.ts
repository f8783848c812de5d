/**
 * Fault injection through the workbench page, end to end: a fault set for a listed origin reaches
 * the demo relying party (@simplewebauthn/server), which refuses the response; the log marks the
 * faulted ceremony; and an origin not listed never gets a fault. Each fault's refusal is proven one
 * by one in src/workbench-core/inject-fault.test.ts; this proves the wiring.
 */
import { registerOnDemo } from './demo-site.ts';
import { expect, test } from './fixtures.ts';
import { expectNoAxeViolations } from './workbench-axe.ts';
import { grantOrigin, openWorkbench, setFault } from './workbench-page.ts';

test('a fault for a listed origin: the relying party refuses, the log marks it', async ({
  page,
  context,
  server,
  extension,
}) => {
  const workbench = await openWorkbench(context, extension);
  await grantOrigin(workbench, server.url, { uv: true });
  await setFault(workbench, server.url, { type: 'clear-up', on: 'create' });
  const listed = workbench.locator(`#grant-list li[data-pattern="${server.url}"]`);
  await expect(listed.locator('.badge.fault')).toHaveText('FAULT');
  await expect(listed).toContainText('Fault: User presence (UP) flag cleared, on create()');
  await expectNoAxeViolations(workbench, 'workbench: a fault set');

  await page.bringToFront();
  await page.goto(server.url);
  await page.getByLabel('Username').fill('alice');
  await page.getByRole('button', { name: 'Register' }).click();
  await expect(page.locator('#result')).toHaveAttribute('data-status', 'error');
  await expect(page.locator('#result')).toContainText('User presence was required, but user was not present');

  const entry = workbench.locator('#log-list > li').first();
  await expect(entry).toHaveAttribute('data-fault', 'User presence (UP) flag cleared');
  await entry.locator('summary').click();
  await expect(entry.locator('.badge.fault')).toHaveText('FAULT');
  await expect(entry.locator('dl.facts')).toContainText('Fault injected');
  await expect(entry.locator('dl.facts')).toContainText('UP=0 UV=1');

  // A get()-only fault leaves registration alone, then breaks the sign-in's signature.
  await setFault(workbench, server.url, { type: 'bad-signature', on: 'get' });
  await page.getByLabel('Username').fill('bob');
  await page.getByRole('button', { name: 'Register' }).click();
  await expect(page.locator('#result')).toContainText('"verified": true');
  await expect(workbench.locator('#log-list > li').first()).not.toHaveAttribute('data-fault', /./);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.locator('#result')).toHaveAttribute('data-status', 'error');
  await expect(page.locator('#result')).toContainText('authentication response did not verify');
  await expect(workbench.locator('#log-list > li').first()).toHaveAttribute('data-fault', 'Bad signature');

  // An error instead of the ceremony: no prompt, and the message is one Tapkey also gives.
  await setFault(workbench, server.url, { type: 'exception', error: 'InvalidStateError' });
  const answered = await page.evaluate(async () => {
    try {
      await navigator.credentials.get({ publicKey: { challenge: new Uint8Array(16) } });
      return 'resolved';
    } catch (e) {
      return `${(e as Error).name}: ${(e as Error).message}`;
    }
  });
  expect(answered).toBe(
    'InvalidStateError: The authenticator already holds a credential for this account (excludeCredentials).',
  );

  // No fault: sign-in works again.
  await setFault(workbench, server.url, { type: '' });
  await expect(listed.locator('.badge.fault')).toHaveCount(0);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.locator('#result')).toHaveAttribute('data-status', 'ok');
});

test('a fault never reaches an origin that is not listed', async ({ page, context, server, extension }) => {
  const workbench = await openWorkbench(context, extension);
  // Listed: another port of localhost, with the harshest faults.
  await grantOrigin(workbench, 'http://localhost:1', { auto: false });
  await setFault(workbench, 'http://localhost:1', { type: 'exception', error: 'NotAllowedError' });
  await page.bringToFront();
  await registerOnDemo(page, context, 'carol', server.url);
  // The page has no way to ask: no extension API in its world, nothing in its globals.
  expect(
    await page.evaluate(() => Object.keys(window).filter((k) => /tapkey|workbench|fault/i.test(k))),
  ).toEqual([]);
  await workbench.reload();
  await expect(workbench.locator('#log-count')).toHaveText('No ceremonies logged yet.');
});
