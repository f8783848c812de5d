/**
 * Editing passkeys in the workbench: a counter set by hand is what the relying party sees next
 * (lower: the demo relying party refuses; higher: it goes on from there), names change, a deleted
 * passkey signs in no more, and a pasted PKCS#8 key is the one that signs.
 */
import { createHash, generateKeyPairSync, verify } from 'node:crypto';
import { expect, test } from './fixtures.ts';
import { expectNoAxeViolations } from './workbench-axe.ts';
import { grantOrigin, openWorkbench } from './workbench-page.ts';

test('counter and names edited in the workbench reach the relying party; delete ends sign-in', async ({
  page,
  context,
  server,
  extension,
}) => {
  const workbench = await openWorkbench(context, extension);
  await grantOrigin(workbench, server.url, { uv: true });
  await page.bringToFront();
  await page.goto(server.url);
  await page.getByLabel('Username').fill('alice');
  await page.getByRole('button', { name: 'Register' }).click();
  await expect(page.locator('#result')).toContainText('"verified": true');
  const signIn = async () => {
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.locator('#result')).toHaveAttribute('data-status', /ok|error/);
    return (await page.locator('#result').textContent()) ?? '';
  };
  expect(await signIn()).toContain('"newCounter": 1');

  const row = workbench.locator('li.credential[data-user-name="alice"]');
  await expect(row.getByLabel('Counter')).toHaveValue('1');
  await expect(workbench.locator('ul[data-rp-id="localhost"] li.credential')).toHaveCount(1);

  // Back to 0: the next use is 1 again, which the relying party has seen.
  await row.getByLabel('Counter').fill('0');
  await row.getByRole('button', { name: 'Save' }).click();
  await expect(workbench.locator('#passkeys-status')).toHaveText('Saved alice at localhost.');
  expect(await signIn()).toContain('Response counter value 1 was lower than expected 1');

  // Far ahead: the relying party follows.
  await row.getByLabel('Counter').fill('500');
  await row.getByRole('button', { name: 'Save' }).click();
  await expect(workbench.locator('#passkeys-status')).toHaveText('Saved alice at localhost.');
  expect(await signIn()).toContain('"newCounter": 501');

  await row.getByLabel('Display name').fill('Alice (test)');
  await row.getByLabel('Display name').press('Enter');
  await expect(workbench.locator('#passkeys-status')).toHaveText('Saved alice at localhost.');
  await expect(row.getByLabel('Display name')).toHaveValue('Alice (test)');
  await expect(row.getByLabel('Counter')).toHaveValue('501');

  await row.getByRole('button', { name: 'Delete alice at localhost' }).click();
  await expectNoAxeViolations(workbench, 'workbench: a passkey listed, delete asked');
  await row.getByRole('button', { name: 'Delete alice' }).click();
  await expect(workbench.locator('#passkeys-status')).toHaveText('Deleted alice at localhost.');
  await expect(workbench.locator('li.credential')).toHaveCount(0);
  expect(await signIn()).toContain('NotAllowedError');
});

test('a passkey added with a pasted PKCS#8 key signs with that key', async ({
  page,
  context,
  server,
  extension,
}) => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const workbench = await openWorkbench(context, extension);
  await grantOrigin(workbench, server.url);
  await workbench.locator('#add-rp').fill('localhost');
  await workbench.locator('#add-user').fill('erin');
  await workbench.locator('#add-counter').fill('7');
  await workbench.locator('#add-key').selectOption('pkcs8');
  await workbench.locator('#add-pkcs8').fill(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  await workbench.getByRole('button', { name: 'Add passkey' }).click();
  await expect(workbench.locator('#passkeys-status')).toHaveText('Added erin at localhost.');
  const row = workbench.locator('li.credential[data-user-name="erin"]');
  await expect(row.getByLabel('Counter')).toHaveValue('7');
  const id = (await row.getAttribute('data-credential-id')) ?? '';

  await page.bringToFront();
  await page.goto(`${server.url}/pages/blank.html`);
  const signed = await page.evaluate(async (credentialId) => {
    const b64 = (s: string) =>
      Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
    const credential = (await navigator.credentials.get({
      publicKey: {
        challenge: new Uint8Array(32).fill(5),
        allowCredentials: [{ type: 'public-key', id: b64(credentialId) }],
      },
    })) as PublicKeyCredential;
    const response = credential.response as AuthenticatorAssertionResponse;
    const hex = (b: ArrayBuffer) =>
      [...new Uint8Array(b)].map((x) => x.toString(16).padStart(2, '0')).join('');
    return {
      authenticatorData: hex(response.authenticatorData),
      clientDataJSON: hex(response.clientDataJSON),
      signature: hex(response.signature),
    };
  }, id);
  const authData = Buffer.from(signed.authenticatorData, 'hex');
  expect(authData.readUInt32BE(33)).toBe(8);
  const message = Buffer.concat([
    authData,
    createHash('sha256').update(Buffer.from(signed.clientDataJSON, 'hex')).digest(),
  ]);
  // WebAuthn L3 §6.3.3 step 11, checked with Node's own crypto and the pasted key's public half.
  expect(verify('sha256', message, publicKey, Buffer.from(signed.signature, 'hex'))).toBe(true);
});
