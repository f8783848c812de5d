/**
 * Issue 11's scale targets: a get() with 10,000 stored passkeys (across 1,000 relying parties) costs
 * within 1.2× of the same with 10, and the popup's Passkeys list with 10,000 opens in ≤ 300 ms.
 *
 * The calls run with the workbench's automatic presence for the page's origin (set through the
 * extension's own page by `tapkey/testing`), so no human time and no prompt window is in them: what is
 * left is everything the store's size could slow (the credential lookup, the counter, the signature).
 * The passkeys are added with the workbench's import, as a developer would seed them.
 */
import { webcrypto } from 'node:crypto';
import type { Page } from '@playwright/test';
import { startDemoServer } from '../../demo/server.ts';
import { toBase64url } from '../../src/shared/bytes.ts';
import { launchTapkey, type PlaywrightCredential } from '../../testing/index.ts';
import { evaluateIn } from './cdp-target.ts';

export interface ScaleRun {
  /** Whole get() calls in ms with `small` passkeys stored, then with `large`. */
  small: number[];
  large: number[];
  smallCount: number;
  largeCount: number;
  /** Passkeys tab click → the first screenful of the list painted, with `large` passkeys. */
  passkeysOpen: number[];
  /** Passkeys tab click → every passkey's row built (the list is built a screenful first). */
  passkeysComplete: number[];
}

const RP_COUNT = 1000;

async function credential(rpId: string, n: number): Promise<PlaywrightCredential> {
  const pair = await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'sign',
    'verify',
  ]);
  const id = webcrypto.getRandomValues(new Uint8Array(16));
  return {
    id: toBase64url(id),
    rpId,
    userHandle: toBase64url(new TextEncoder().encode(`user-${n}`)),
    privateKey: toBase64url(new Uint8Array(await webcrypto.subtle.exportKey('pkcs8', pair.privateKey))),
    publicKey: toBase64url(new Uint8Array(await webcrypto.subtle.exportKey('spki', pair.publicKey))),
    signCount: 0,
  };
}

/** `count` passkeys spread over `RP_COUNT` example sites (never localhost). */
async function seeds(count: number, from: number): Promise<PlaywrightCredential[]> {
  const out: PlaywrightCredential[] = [];
  for (let i = from; i < from + count; i++) out.push(await credential(`site-${i % RP_COUNT}.example`, i));
  return out;
}

/** One get() for `id` on the page, whole call in ms (page clock). */
function timedGet(page: Page, id: string): Promise<number> {
  return page.evaluate(async (b64) => {
    const raw = Uint8Array.from(atob(b64.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
    const start = performance.now();
    await navigator.credentials.get({
      publicKey: {
        challenge: crypto.getRandomValues(new Uint8Array(32)),
        rpId: 'localhost',
        allowCredentials: [{ type: 'public-key', id: raw }],
        userVerification: 'discouraged',
      },
    });
    return performance.now() - start;
  }, id);
}

async function measureGets(page: Page, id: string, iterations: number): Promise<number[]> {
  // The workbench page that seeded the store opened in a tab of its own: the page asks from the front.
  await page.bringToFront();
  for (let i = 0; i < 3; i++) await timedGet(page, id); // warm the worker's caches and the JIT
  const out: number[] = [];
  for (let i = 0; i < iterations; i++) out.push(await timedGet(page, id));
  return out;
}

/** In the popup page: clicks Passkeys and waits for the list's first screenful, then for all rows. */
function openPasskeys(expected: number): Promise<{ open: number; complete: number } | string> {
  const painted = () =>
    new Promise<number>((r) => requestAnimationFrame(() => setTimeout(() => r(performance.now()), 0)));
  const until = (test: () => boolean, deadline: number) =>
    new Promise<boolean>((resolve) => {
      const tick = () => {
        if (test()) resolve(true);
        else if (performance.now() > deadline) resolve(false);
        else requestAnimationFrame(tick);
      };
      tick();
    });
  return (async () => {
    const tab = document.querySelector<HTMLElement>('#tab-passkeys');
    if (!tab) return 'no Passkeys tab';
    const start = performance.now();
    tab.click();
    const rows = () => document.querySelectorAll('li.passkey').length;
    if (!(await until(() => rows() >= 8, start + 10_000))) return `only ${rows()} passkey rows`;
    const open = (await painted()) - start;
    if (!(await until(() => rows() >= expected, start + 30_000))) return `${rows()} of ${expected} rows`;
    const complete = performance.now() - start;
    return { open, complete };
  })();
}

export async function runScale(options: {
  small: number;
  large: number;
  iterations: number;
}): Promise<ScaleRun> {
  const server = await startDemoServer();
  const tapkey = await launchTapkey();
  try {
    const page = await tapkey.context.newPage();
    await page.goto(`${server.url}/pages/blank.html`);
    await tapkey.autoPresence(new URL(server.url).origin);
    const mine = await credential('localhost', -1);
    await tapkey.importCredentials([mine, ...(await seeds(options.small - 1, 0))]);
    const small = await measureGets(page, mine.id, options.iterations);

    // Up to `large`, in slices (one import is one message).
    for (let from = options.small - 1; from < options.large - 1; from += 1000) {
      await tapkey.importCredentials(await seeds(Math.min(1000, options.large - 1 - from), from));
    }
    const large = await measureGets(page, mine.id, options.iterations);

    const popup = await tapkey.context.newPage();
    await popup.setViewportSize({ width: 400, height: 600 });
    const passkeysOpen: number[] = [];
    const passkeysComplete: number[] = [];
    // Each opening also waits for every row to be built (seconds with 10,000): ten are enough.
    for (let i = 0; i < Math.min(options.iterations, 10); i++) {
      // Timed from the click on the Passkeys tab below: the page's own load event is not waited for.
      await popup.goto(`chrome-extension://${tapkey.extensionId}/popup/popup.html?stay=1`, {
        waitUntil: 'domcontentloaded',
      });
      await popup.waitForSelector('#tab-passkeys');
      const timing = await evaluateIn(popup, openPasskeys, options.large);
      if (typeof timing === 'string') throw new Error(`Passkeys list: ${timing}`);
      passkeysOpen.push(timing.open);
      passkeysComplete.push(timing.complete);
    }
    return {
      small,
      large,
      smallCount: options.small,
      largeCount: options.large,
      passkeysOpen,
      passkeysComplete,
    };
  } finally {
    await tapkey.close();
    await server.close();
  }
}
