/**
 * The README's example: Tapkey in a project's own Playwright test through `tapkey/testing`, with
 * automatic presence for the app's origin, then the ceremony log and the passkey as a fixture.
 */
import { expect, test } from '@playwright/test';
import { launchTapkey } from 'tapkey/testing';
import { type DemoServer, startDemoServer } from '../../demo/server.ts';

let app: DemoServer;
test.beforeAll(async () => {
  app = await startDemoServer({ port: 0 });
});
test.afterAll(async () => {
  await app.close();
});

test('register and sign in with Tapkey, no prompt, then read what was signed', async () => {
  const tapkey = await launchTapkey();
  try {
    await tapkey.autoPresence(app.url, { uv: true });
    const page = await tapkey.context.newPage();
    await page.goto(app.url);
    await page.getByLabel('Username').fill('alice');
    await page.getByRole('button', { name: 'Register' }).click();
    await expect(page.locator('#result')).toContainText('"verified": true');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.locator('#result')).toHaveAttribute('data-status', 'ok');

    await expect.poll(async () => (await tapkey.log()).length).toBe(2);
    const [signIn] = await tapkey.log();
    expect(signIn).toMatchObject({
      kind: 'get',
      gate: 'auto',
      authData: { rpIdHashMatches: true, signCount: 1 },
    });
    expect(signIn?.authData?.flags).toMatchObject({ UP: true, UV: true });

    const [fixture] = await tapkey.exportCredentials('playwright', 'localhost');
    expect(fixture).toMatchObject({ rpId: 'localhost', signCount: 1 });
  } finally {
    await tapkey.close();
  }
});

test('the real prompt from a test: approve registrations, pick an account, cancel', async () => {
  const tapkey = await launchTapkey();
  try {
    const page = await tapkey.context.newPage();
    await page.goto(app.url);
    for (const user of ['alice', 'bob']) {
      await page.getByLabel('Username').fill(user);
      await page.getByRole('button', { name: 'Register' }).click();
      const seen = await tapkey.approve();
      expect(seen).toMatchObject({ kind: 'create', origin: app.url });
      expect(seen.title).toContain(user);
      await expect(page.locator('#result')).toContainText('"verified": true');
    }

    await page.getByRole('button', { name: 'Sign in without username' }).click();
    const chooser = await tapkey.pick('bob');
    expect(chooser.kind).toBe('get');
    expect([...chooser.accounts].sort()).toEqual(['alice', 'bob']);
    await expect(page.locator('#result')).toContainText('"username": "bob"');

    await page.getByLabel('Username').fill('alice');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await tapkey.cancel();
    await expect(page.locator('#result')).toHaveAttribute('data-status', 'error');
    await expect(page.locator('#result')).toContainText('NotAllowedError');
  } finally {
    await tapkey.close();
  }
});
