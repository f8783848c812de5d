/**
 * Records what plain Chromium (no extension, no authenticator) answers to each call in
 * signal-cases.ts, on http://localhost from the demo server, and writes
 * test/fixtures/webidl/chrome-signal-outcomes.json, which the unit tests and
 * test/e2e/signals.spec.ts compare Tapkey with.
 *
 *   npx tsx scripts/chrome-oracle/record-signals.ts     (CHROMIUM_PATH overrides /usr/bin/chromium)
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { startDemoServer } from '../../demo/server.ts';
import { SIGNAL_CASES, type SignalCase, type SignalOutcome } from './signal-cases.ts';

const OUT = resolve(import.meta.dirname, '../../test/fixtures/webidl/chrome-signal-outcomes.json');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Calls one case in the page and reports how its promise settled (or that the call threw). */
export function callSignal(page: Page, c: SignalCase): Promise<SignalOutcome> {
  return page.evaluate(async ({ method, argument }) => {
    const f = (PublicKeyCredential as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[
      method
    ];
    if (typeof f !== 'function') return { outcome: 'missing' };
    let promise: Promise<unknown>;
    try {
      // signalArguments (signal-cases.ts), inlined: this runs in the page.
      const args = argument === '$none' ? [] : argument === '$undefined' ? [undefined] : [argument];
      promise = f.apply(PublicKeyCredential, args);
    } catch (e) {
      return { outcome: `sync ${(e as Error).name}`, message: (e as Error).message };
    }
    try {
      return { outcome: `resolved ${String(await promise)}` };
    } catch (e) {
      const error = e as Error;
      return { outcome: error.name, message: error.message, domException: e instanceof DOMException };
    }
  }, c);
}

async function main(): Promise<void> {
  const server = await startDemoServer({ port: 0 });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
  const page = await browser.newPage();
  await page.goto(`${server.url}/pages/blank.html`);
  const outcomes: Record<string, SignalOutcome> = {};
  for (const c of SIGNAL_CASES) outcomes[c.name] = await callSignal(page, c);
  writeFileSync(OUT, `${JSON.stringify({ chromium: browser.version(), outcomes }, null, 2)}\n`);
  await browser.close();
  await server.close();
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
