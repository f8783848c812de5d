/** Where a request comes from: early-capturing pages and cross-origin iframes. */
import { randomBytes } from 'node:crypto';
import type { Frame, Page } from '@playwright/test';
import { approve, expect, prompt, storedCredentialCount, test } from './fixtures.ts';
import { verifyCeremony } from './verify-ceremony.ts';
import { get } from './webauthn-calls.ts';

test('an inline <head> script that captures create() at once still reaches the extension', async ({
  page,
  context,
  server,
}) => {
  await page.goto(`${server.url}/pages/early-capture.html?auto=1`);
  await approve(context, page);
  const early = await page.evaluate(async () => {
    const w = window as unknown as {
      earlyResult: Promise<{ ok: boolean; credential?: unknown }>;
      earlyChallenge: string;
    };
    return { ...(await w.earlyResult), challenge: w.earlyChallenge };
  });
  expect(early.ok).toBe(true);
  // The page made its own challenge before anything else ran; it is the relying party here.
  await verifyCeremony(
    {
      kind: 'create',
      challenge: early.challenge,
      origin: server.url,
      rpId: 'localhost',
      userVerification: 'discouraged',
    },
    early.credential,
  );

  // The captured functions run the full server-verified ceremony too.
  const registered = page.evaluate(() =>
    (
      window as unknown as { createWithCaptured(u: string): Promise<{ verified: boolean }> }
    ).createWithCaptured('carol'),
  );
  await approve(context, page);
  expect((await registered).verified).toBe(true);
  const signedIn = page.evaluate(() =>
    (window as unknown as { getWithCaptured(u: string): Promise<{ verified: boolean }> }).getWithCaptured(
      'carol',
    ),
  );
  await approve(context, page);
  expect((await signedIn).verified).toBe(true);
});

function hostUrl(serverUrl: string, allow: string | null): string {
  const inner = serverUrl.replace('//localhost', '//sub.localhost');
  const params = new URLSearchParams({ src: `${inner}/pages/blank.html` });
  if (allow !== null) params.set('allow', allow);
  return `${serverUrl}/pages/iframe-host.html?${params}`;
}

async function innerFrame(page: Page): Promise<Frame> {
  await page.locator('#frame').waitFor();
  const frame = page.frames().find((f) => new URL(f.url()).hostname === 'sub.localhost');
  if (!frame) throw new Error('iframe not loaded');
  await frame.waitForLoadState();
  return frame;
}

type FramedResult =
  | { ok: true; id: string; clientData: Record<string, unknown>; json: unknown }
  | { ok: false; name: string; message: string };

/**
 * create() from a real click inside the frame: cross-origin creation needs transient activation.
 * A success is verified as the frame's relying party would (origin sub.localhost, topOrigin the page).
 */
async function createWithGesture(frame: Frame): Promise<FramedResult> {
  const challenge = randomBytes(32);
  await frame.evaluate(
    (challenge) => {
      const button = document.createElement('button');
      button.textContent = 'Register here';
      button.onclick = () => {
        (window as unknown as { pending: Promise<unknown> }).pending = navigator.credentials
          .create({
            publicKey: {
              rp: { name: 'Framed' },
              user: { id: new Uint8Array([9]), name: 'framed', displayName: 'Framed' },
              challenge: new Uint8Array(challenge),
              pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
              authenticatorSelection: { residentKey: 'required' },
            },
          })
          .then(
            (c) => {
              const cred = c as PublicKeyCredential;
              return {
                ok: true,
                id: cred.id,
                clientData: JSON.parse(new TextDecoder().decode(cred.response.clientDataJSON)),
                json: cred.toJSON(),
              };
            },
            (e: Error) => ({ ok: false, name: e.name, message: e.message }),
          );
      };
      document.body.append(button);
    },
    [...challenge],
  );
  await frame.getByRole('button', { name: 'Register here' }).click();
  const result = await frame.evaluate(
    () => (window as unknown as { pending: Promise<FramedResult> }).pending,
  );
  if (result.ok) {
    const origin = new URL(frame.url()).origin;
    await verifyCeremony(
      {
        kind: 'create',
        challenge: challenge.toString('base64url'),
        origin,
        topOrigin: new URL(frame.page().url()).origin,
        rpId: new URL(origin).hostname,
        userVerification: 'discouraged',
        userId: Buffer.from([9]).toString('base64url'),
      },
      result.json,
    );
  }
  return result;
}

test('cross-origin iframe without permission: NotAllowedError, no prompt, nothing stored', async ({
  page,
  context,
  server,
}) => {
  await page.goto(hostUrl(server.url, null));
  const frame = await innerFrame(page);
  expect(await createWithGesture(frame)).toMatchObject({ ok: false, name: 'NotAllowedError' });
  expect(await get(frame)).toMatchObject({ ok: false, name: 'NotAllowedError' });
  expect(await storedCredentialCount(context)).toBe(0);
});

test('cross-origin iframe with permission: crossOrigin and topOrigin in clientData', async ({
  page,
  context,
  server,
}) => {
  await page.goto(hostUrl(server.url, 'publickey-credentials-create *; publickey-credentials-get *'));
  const frame = await innerFrame(page);
  const pending = createWithGesture(frame);
  const popup = await prompt(context, page);
  expect(await popup.text('.site .origin')).toBe(server.url.replace('//localhost', '//sub.localhost'));
  await popup.click('#approve');
  const made = await pending;
  expect(made).toMatchObject({
    ok: true,
    clientData: {
      type: 'webauthn.create',
      origin: server.url.replace('//localhost', '//sub.localhost'),
      crossOrigin: true,
      topOrigin: server.url,
    },
  });

  // (Cross-origin create without a gesture is refused: src/client/caller.test.ts. Playwright's evaluate
  // always carries a user gesture, so it cannot show that here.)
  const signing = get(frame);
  await approve(context, page);
  expect(await signing).toMatchObject({ ok: true, clientData: { crossOrigin: true, topOrigin: server.url } });
});
