/**
 * The yardstick: Chrome's own CDP WebAuthn virtual authenticator, in a Chromium without the
 * extension, timing whole create()/get() calls in the page (call → resolved).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from '@playwright/test';
import { chromiumPath } from '../../test/e2e/browser.ts';
import { VIRTUAL_AUTHENTICATOR_OPTIONS } from '../virtual-authenticator-options.ts';
import { settled, startCreate, startGet } from './page-calls.ts';

export interface VirtualRun {
  create: number[];
  get: number[];
}

export async function runVirtualAuthenticator(options: {
  origin: string;
  warmups: number;
  iterations: number;
}): Promise<VirtualRun> {
  const profile = mkdtempSync(join(tmpdir(), 'tapkey-bench-vauth-'));
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath(),
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${options.origin}/pages/blank.html`);
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: VIRTUAL_AUTHENTICATOR_OPTIONS,
    });
    const rpId = new URL(options.origin).hostname;
    const run: VirtualRun = { create: [], get: [] };
    for (let i = 0; i < options.warmups + options.iterations; i++) {
      await startCreate(page, rpId);
      const created = await settled(page);
      await startGet(page, rpId);
      const got = await settled(page);
      if (i < options.warmups) continue;
      run.create.push(created.resolvedAt - created.startedAt);
      run.get.push(got.resolvedAt - got.startedAt);
    }
    await cdp.detach().catch(() => undefined);
    return run;
  } finally {
    await context?.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  }
}
