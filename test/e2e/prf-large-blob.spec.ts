/**
 * WebAuthn prf (L3 §10.1.4) and largeBlob (§10.1.5) through Tapkey in real Chromium, on the demo
 * relying party, whose server verifies every response with @simplewebauthn/server.
 */
import type { Page } from '@playwright/test';
import { signInOnDemo } from './demo-site.ts';
import { expect, prompt, test } from './fixtures.ts';
import { verifyCeremony } from './verify-ceremony.ts';

interface Shown {
  verified: boolean;
  clientExtensionResults: {
    prf?: { enabled?: boolean; results?: { first: string; second?: string } };
    largeBlob?: { supported?: boolean; blob?: string; written?: boolean };
  };
  largeBlobText?: string;
}

/** The server's JSON under the result's headline. */
async function shown(page: Page): Promise<Shown> {
  return JSON.parse((await page.locator('#result pre').textContent()) ?? '{}') as Shown;
}

const bytes = (b64url: string) => Buffer.from(b64url, 'base64url');

test('prf gives the same output for the same input; a large blob written is read back', async ({
  page,
  context,
  server,
}) => {
  await page.goto(server.url);
  await page.getByLabel('Username').fill('alice');
  await page.getByLabel('Ask for PRF and a large blob when registering').check();
  await page.getByRole('button', { name: 'Register' }).click();
  await (await prompt(context, page)).click('#approve');
  await expect(page.locator('#result')).toContainText('"verified": true');
  const registered = await shown(page);
  expect(registered.clientExtensionResults.prf).toEqual({ enabled: true });
  expect(registered.clientExtensionResults.largeBlob).toEqual({ supported: true });

  const prfFor = async (input: string): Promise<Buffer> => {
    await page.getByLabel('PRF input when signing in').fill(input);
    await signInOnDemo(page, context);
    const result = await shown(page);
    expect(result.verified).toBe(true);
    return bytes(result.clientExtensionResults.prf?.results?.first ?? '');
  };
  const one = await prfFor('key for my notes');
  const again = await prfFor('key for my notes');
  const other = await prfFor('another key');
  expect(one).toHaveLength(32);
  expect(again.equals(one)).toBe(true);
  expect(other).toHaveLength(32);
  expect(other.equals(one)).toBe(false);

  await page.getByLabel('PRF input when signing in').fill('');
  await page.getByLabel('Large blob when signing in').selectOption('write');
  await page.getByLabel('Large blob text').fill('Grüße from a large blob');
  await signInOnDemo(page, context);
  const written = await shown(page);
  expect(written.verified).toBe(true);
  expect(written.clientExtensionResults.largeBlob).toEqual({ written: true });

  await page.getByLabel('Large blob when signing in').selectOption('read');
  await signInOnDemo(page, context);
  const read = await shown(page);
  expect(read.verified).toBe(true);
  expect(read.largeBlobText).toBe('Grüße from a large blob');
});

test('the page gets ArrayBuffers from getClientExtensionResults() and base64url from toJSON()', async ({
  page,
  context,
  server,
}) => {
  await page.goto(`${server.url}/pages/blank.html`);
  const created = page.evaluate(async () => {
    const credential = (await navigator.credentials.create({
      publicKey: {
        rp: { name: 'Example' },
        user: { id: new Uint8Array([1, 2, 3]), name: 'alice', displayName: 'Alice' },
        challenge: new Uint8Array(16),
        pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
        authenticatorSelection: { residentKey: 'required' },
        extensions: {
          prf: { eval: { first: new TextEncoder().encode('a') } },
          largeBlob: { support: 'required' },
        },
      },
    })) as PublicKeyCredential;
    const results = credential.getClientExtensionResults() as {
      prf: { enabled: boolean; results: { first: ArrayBuffer } };
      largeBlob: { supported: boolean };
    };
    const json = credential.toJSON() as { clientExtensionResults: { prf: { results: { first: string } } } };
    return {
      enabled: results.prf.enabled,
      supported: results.largeBlob.supported,
      firstIsArrayBuffer: results.prf.results.first instanceof ArrayBuffer,
      firstLength: results.prf.results.first.byteLength,
      jsonFirst: json.clientExtensionResults.prf.results.first,
      id: credential.id,
      json,
    };
  });
  const createPrompt = await prompt(context, page);
  // The prompt says what else runs (never a value).
  expect(await createPrompt.text('#prompt-extensions')).toContain('PRF');
  await createPrompt.click('#approve');
  const made = await created;
  expect(made).toMatchObject({ enabled: true, supported: true, firstIsArrayBuffer: true, firstLength: 32 });
  expect(bytes(made.jsonFirst)).toHaveLength(32);
  // Both calls send 16 zero bytes as the challenge.
  const zeros = Buffer.alloc(16).toString('base64url');
  const rp = {
    challenge: zeros,
    origin: server.url,
    rpId: 'localhost',
    userVerification: 'preferred',
  } as const;
  await verifyCeremony(
    { ...rp, kind: 'create', userId: Buffer.from([1, 2, 3]).toString('base64url') },
    made.json,
  );

  // The same input at get() gives what create() gave (same credential, same UV state).
  const got = page.evaluate(async (id) => {
    const rawId = Uint8Array.from(atob(id.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
    const credential = (await navigator.credentials.get({
      publicKey: {
        challenge: new Uint8Array(16),
        allowCredentials: [{ type: 'public-key', id: rawId }],
        extensions: { prf: { evalByCredential: { [id]: { first: new TextEncoder().encode('a') } } } },
      },
    })) as PublicKeyCredential;
    const json = credential.toJSON() as { clientExtensionResults: { prf: { results: { first: string } } } };
    return { first: json.clientExtensionResults.prf.results.first, json };
  }, made.id);
  await (await prompt(context, page)).click('#approve');
  const signed = await got;
  expect(signed.first).toBe(made.jsonFirst);
  await verifyCeremony({ ...rp, kind: 'get' }, signed.json);
});
