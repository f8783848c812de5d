/**
 * Issue 8, defect 4: an abrupt end of the browser (SIGKILL, as a crash or power cut would) never rolls
 * a signature counter back. Every counter increment is committed with strict durability before the
 * page hears back, so after a relaunch the next sign-in's counter is higher than any the site saw,
 * which the demo relying party (@simplewebauthn/server) checks. A registration killed as it is approved
 * keeps its passkey: it was staged on disk while the prompt waited, and the next worker keeps it.
 */
import { execFileSync } from 'node:child_process';
import { launch } from './browser.ts';
import { openPopupTab, registerOnDemo, signInOnDemo } from './demo-site.ts';
import { expect, prompt, test } from './fixtures.ts';

/** The main Chromium process of `profileDir` (the one without a --type= of its own). */
function browserPid(profileDir: string): number {
  const lines = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).split('\n');
  const main = lines.find((l) => l.includes(`--user-data-dir=${profileDir}`) && !l.includes('--type='));
  if (!main) throw new Error(`no Chromium process for ${profileDir}`);
  return Number(main.trim().split(/\s+/)[0]);
}

test('a browser killed while sign-ins run: after relaunch the counter is past any the site saw', async ({
  page,
  context,
  server,
  profileDir,
}) => {
  await registerOnDemo(page, context, 'alice', server.url);
  const seen = [await signInOnDemo(page, context), await signInOnDemo(page, context)];
  expect(seen).toEqual([1, 2]);

  // A third sign-in is approved, and the browser dies at once: the site may or may not see it.
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await (await prompt(context, page)).click('#approve');
  process.kill(browserPid(profileDir), 'SIGKILL');
  await context.close().catch(() => undefined);

  const again = await launch(profileDir);
  try {
    const page2 = again.pages()[0] ?? (await again.newPage());
    await page2.goto(server.url);
    await page2.getByLabel('Username').fill('alice');
    // The server refuses a counter that is not above the last it stored (WebAuthn L3 §7.2 step 22).
    expect(await signInOnDemo(page2, again)).toBeGreaterThan(2);
  } finally {
    await again.close();
  }
});

test('a browser killed as a registration is approved: after relaunch the passkey is there, and signs in', async ({
  page,
  context,
  server,
  profileDir,
  extension,
}) => {
  await page.goto(server.url);
  await page.getByLabel('Username').fill('carol');
  await page.getByRole('button', { name: 'Register' }).click();
  // The new passkey was staged (on disk, unseen) while the prompt waited; Approve only moves it.
  await (await prompt(context, page)).click('#approve');
  const siteSaw = await page
    .locator('#result')
    .filter({ hasText: '"verified": true' })
    .waitFor({ timeout: 2_000 })
    .then(() => true)
    .catch(() => false);
  process.kill(browserPid(profileDir), 'SIGKILL');
  await context.close().catch(() => undefined);

  const again = await launch(profileDir);
  try {
    // Whether the move reached the disk or not, the next worker keeps it (its request is gone).
    const list = await openPopupTab(again, extension, 'Passkeys');
    await expect(list.getByRole('region', { name: 'localhost' }).getByRole('listitem')).toHaveCount(1, {
      timeout: 10_000,
    });
    if (siteSaw) {
      const page2 = await again.newPage();
      await page2.goto(server.url);
      await page2.getByLabel('Username').fill('carol');
      expect(await signInOnDemo(page2, again)).toBeGreaterThan(0);
    }
  } finally {
    await again.close();
  }
});
