/**
 * WebAuthn L3 §5.8.7 hints: the prompt says what the site prefers, in plain words; a request whose
 * only hint is "client-device" (the device's own authenticator) goes to the browser.
 */
import { expect, prompt, storedCredentialCount, test } from './fixtures.ts';
import { create, get, openBlankPage } from './webauthn-calls.ts';

test.beforeEach(openBlankPage);

test('the prompt shows the site’s hints, most preferred first', async ({ page, context }) => {
  const made = create(page, { hints: ['security-key', 'no-such-hint', 'hybrid'] });
  const popup = await prompt(context, page);
  expect(await popup.text('.prompt-hints')).toBe('The site prefers a security key, then a phone or tablet.');
  await popup.clickButton('Cancel');
  await popup.detach();
  expect(await made).toMatchObject({ ok: false, name: 'NotAllowedError' });

  const signing = get(page);
  const popup2 = await prompt(context, page);
  expect(await popup2.evaluate(() => document.querySelector('.prompt-hints') === null)).toBe(true);
  await popup2.clickButton('Cancel');
  await popup2.detach();
  expect(await signing).toMatchObject({ ok: false });
});

test('hints "client-device" alone: the browser answers, without a prompt', async ({ page, context }) => {
  // Chrome's own virtual platform authenticator stands in for the device's passkeys.
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
    },
  });
  const reg = await create(page, { hints: ['client-device'] });
  expect(reg.ok && reg.attachment).toBe('platform');
  const signed = await get(page, { hints: ['client-device'], allowIds: reg.ok ? [reg.id] : [] });
  expect(signed.ok && signed.attachment).toBe('platform');
  expect(await storedCredentialCount(context)).toBe(0);
});
