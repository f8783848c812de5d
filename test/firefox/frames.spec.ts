/**
 * Requests from iframes: the page script and the relay run in frames too (`all_frames`). A success is
 * verified by the independent verifiers of the Chromium suite (test/e2e/verify-ceremony.ts:
 * @simplewebauthn/server and fido2-lib).
 */
import { randomBytes } from 'node:crypto';
import type { Frame } from 'puppeteer-core';
import { expect, test } from 'vitest';
import type { DemoServer } from '../../demo/server.ts';
import { verifyCeremony } from '../e2e/verify-ceremony.ts';
import {
  EXTENSION_ORIGIN,
  eachTestFirefox,
  type Firefox,
  focusBrowserWindow,
  locationOf,
  until,
} from './firefox.ts';
import { Prompt } from './prompt.ts';

const PROMPT_URL = `${EXTENSION_ORIGIN}/popup/popup.html?window=1`;

let firefox: Firefox;
let server: DemoServer;

eachTestFirefox((f, s) => {
  firefox = f;
  server = s;
});

type Outcome =
  | { ok: true; clientData: Record<string, unknown>; json: unknown }
  | { ok: false; name: string; message: string };

async function innerFrame(innerOrigin: string): Promise<Frame> {
  let found: Frame | undefined;
  await until(async () => {
    found = firefox.page.frames().find((f) => f.url().startsWith(innerOrigin));
    return found !== undefined && (await found.evaluate(() => document.readyState)) === 'complete';
  }, 'the cross-origin frame');
  return found!;
}

/** Starts create() (or get()) from a real click in the frame; the outcome lands in `window.pending`. */
async function callFromFrame(frame: Frame, kind: 'create' | 'get', challenge: Buffer): Promise<void> {
  await frame.evaluate(
    (kind, challenge) => {
      const button = document.createElement('button');
      button.id = `call-${kind}`;
      button.textContent = kind;
      button.onclick = () => {
        const call =
          kind === 'create'
            ? navigator.credentials.create({
                publicKey: {
                  rp: { name: 'Framed' },
                  user: { id: new Uint8Array([9]), name: 'framed', displayName: 'Framed' },
                  challenge: new Uint8Array(challenge),
                  pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
                  authenticatorSelection: { residentKey: 'required' },
                },
              })
            : navigator.credentials.get({ publicKey: { challenge: new Uint8Array(challenge) } });
        (window as unknown as { pending: Promise<unknown> }).pending = call.then(
          (c) => {
            const cred = c as PublicKeyCredential;
            return {
              ok: true,
              clientData: JSON.parse(new TextDecoder().decode(cred.response.clientDataJSON)),
              json: cred.toJSON(),
            };
          },
          (e: Error) => ({ ok: false, name: e.name, message: e.message }),
        );
      };
      document.body.append(button);
    },
    kind,
    [...challenge],
  );
  // A pointer click: cross-origin create() needs the frame's own transient activation.
  await frame.click(`#call-${kind}`);
}

function outcome(frame: Frame): Promise<Outcome> {
  return frame.evaluate(() => (window as unknown as { pending: Promise<Outcome> }).pending);
}

test('an inline <head> script that captures create() at once still reaches the extension', async () => {
  // The page script is a standalone IIFE at document_start in the MAIN world: it runs before the
  // page's first script, so what the page captures is already Tapkey's (architecture trap 3).
  // No click here: the document's focus is what lets it ask (headless Firefox starts unfocused).
  await focusBrowserWindow(firefox);
  await firefox.page.goto(`${server.url}/pages/early-capture.html?auto=1`);
  await Prompt.waitFor(firefox.browser).then((prompt) => prompt.approve());
  const early = await firefox.page.evaluate(async () => {
    const w = window as unknown as {
      earlyResult: Promise<{ ok: boolean; credential?: unknown }>;
      earlyChallenge: string;
    };
    return { ...(await w.earlyResult), challenge: w.earlyChallenge };
  });
  expect(early.ok).toBe(true);
  const verified = await verifyCeremony(
    {
      kind: 'create',
      challenge: early.challenge,
      origin: server.url,
      rpId: 'localhost',
      userVerification: 'discouraged',
    },
    early.credential,
  );
  expect(verified.credentialId).not.toBe('');
});

function hostUrl(inner: string, allow: string | null): string {
  const params = new URLSearchParams({ src: `${inner}/pages/blank.html` });
  if (allow !== null) params.set('allow', allow);
  return `${server.url}/pages/iframe-host.html?${params}`;
}

async function promptWindowOpen(): Promise<boolean> {
  for (const page of await firefox.browser.pages()) if ((await locationOf(page)) === PROMPT_URL) return true;
  return false;
}

test('cross-origin iframe without permission: NotAllowedError, and no prompt opens', async () => {
  const inner = server.url.replace('//localhost', '//sub.localhost');
  await firefox.page.goto(hostUrl(inner, null));
  const frame = await innerFrame(inner);
  await callFromFrame(frame, 'create', randomBytes(32));
  expect(await outcome(frame)).toMatchObject({ ok: false, name: 'NotAllowedError' });
  await callFromFrame(frame, 'get', randomBytes(32));
  expect(await outcome(frame)).toMatchObject({ ok: false, name: 'NotAllowedError' });
  expect(await promptWindowOpen()).toBe(false);
});

/**
 * Firefox has no Feature Policy API for pages (`document.featurePolicy` is behind a pref that is off),
 * so the relay cannot tell that the embedder allowed publickey-credentials-*: it refuses, the safe
 * default (src/content/relay.ts). In Chrome the same page gets a prompt (test/e2e/frames.spec.ts).
 */
test('cross-origin iframe with permission: refused in Firefox, where the frame cannot read its policy', async () => {
  const inner = server.url.replace('//localhost', '//sub.localhost');
  await firefox.page.goto(hostUrl(inner, 'publickey-credentials-create *; publickey-credentials-get *'));
  const frame = await innerFrame(inner);
  expect(await frame.evaluate(() => 'featurePolicy' in document)).toBe(false);
  await callFromFrame(frame, 'create', randomBytes(32));
  expect(await outcome(frame)).toMatchObject({ ok: false, name: 'NotAllowedError' });
  expect(await promptWindowOpen()).toBe(false);
});

/** A same-origin frame needs no permission: the prompt names it, and the RP verifies the result. */
test('same-origin iframe: the prompt opens for the frame, verified by the relying party', async () => {
  await firefox.page.goto(hostUrl(server.url, null));
  const frame = await innerFrame(server.url);
  const challenge = randomBytes(32);
  await callFromFrame(frame, 'create', challenge);
  const prompt = await Prompt.waitFor(firefox.browser);
  expect(await prompt.text('.site .origin')).toBe(server.url);
  await prompt.approve();
  const made = await outcome(frame);
  expect(made).toMatchObject({ ok: true, clientData: { type: 'webauthn.create', origin: server.url } });
  const verified = await verifyCeremony(
    {
      kind: 'create',
      challenge: challenge.toString('base64url'),
      origin: server.url,
      rpId: 'localhost',
      userVerification: 'discouraged',
      userId: Buffer.from([9]).toString('base64url'),
    },
    made.ok ? made.json : undefined,
  );
  expect(verified.credentialId).not.toBe('');
});
