/**
 * Everything a page can observe about the functions Tapkey replaces (navigator.credentials.create and
 * get, PublicKeyCredential.getClientCapabilities and the signal methods, and
 * Function.prototype.toString itself): gathered by scripts/chrome-oracle/native-probe.js in a plain
 * Chromium without the extension (the oracle) and in one with Tapkey, on the same page. They must be
 * equal except for what the README admits under "Where Tapkey differs from Chrome" (ADMITTED below).
 */
import { resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { chromiumPath } from './browser.ts';
import { expect, test } from './fixtures.ts';
import { openBlankPage } from './webauthn-calls.ts';

const PROBE = resolve(import.meta.dirname, '../../scripts/chrome-oracle/native-probe.js');

/**
 * Observations that differ, each one in the README ("Where Tapkey differs from Chrome"), as paths:
 *   - a getter the page passes runs while Tapkey's code is on the stack, so a stack the page captures
 *     inside it names Tapkey's frames;
 *   - a page's Error.prepareStackTrace hook is given Tapkey's frames for an error V8 made while
 *     Tapkey's code ran (here: create/get called on something else, whose error is the browser's);
 *   - that same rejection reaches the page one microtask turn later than in Chrome.
 */
const ADMITTED = ['getterStack', 'prepareStackTrace.frames', 'turns.createWrongThis'];

async function observe(page: Page): Promise<Record<string, unknown>> {
  await page.addScriptTag({ path: PROBE });
  return page.evaluate(() =>
    (window as unknown as { __tapkeyNativeProbe(): Promise<Record<string, unknown>> }).__tapkeyNativeProbe(),
  );
}

/** A deep copy of `observed` without the admitted paths. */
function without(observed: Record<string, unknown>): Record<string, unknown> {
  const rest = structuredClone(observed);
  for (const path of ADMITTED) {
    const keys = path.split('.');
    const last = keys.pop() ?? '';
    let holder: Record<string, unknown> | undefined = rest;
    for (const key of keys) holder = holder?.[key] as Record<string, unknown> | undefined;
    if (holder) delete holder[last];
  }
  return rest;
}

test.beforeEach(openBlankPage);

test('a page sees the same functions, errors and stacks as in Chrome', async ({ page, server }) => {
  const plain = await chromium.launch({ executablePath: chromiumPath(), headless: true });
  let chrome: Record<string, unknown>;
  try {
    const oracle = await plain.newPage();
    await oracle.goto(`${server.url}/pages/blank.html`);
    chrome = await observe(oracle);
  } finally {
    await plain.close();
  }
  const tapkey = await observe(page);
  // The functions are really Tapkey's: getClientCapabilities answers for Tapkey.
  const capabilities = await page.evaluate(() =>
    (
      PublicKeyCredential as unknown as { getClientCapabilities(): Promise<Record<string, boolean>> }
    ).getClientCapabilities(),
  );
  expect(capabilities['extension:prf']).toBe(true);
  expect(capabilities.conditionalGet).toBe(true);
  expect(await page.evaluate(() => PublicKeyCredential.isConditionalMediationAvailable())).toBe(true);

  expect(without(tapkey)).toEqual(without(chrome));
  // What is admitted does differ (so the list stays honest), and by no more than said.
  expect(tapkey.getterStack).not.toEqual(chrome.getterStack);
  expect(String(tapkey.getterStack)).toContain('chrome-extension://');
  const turns = (o: Record<string, unknown>) => (o.turns as Record<string, number>).createWrongThis ?? 0;
  expect(turns(tapkey)).toBe(turns(chrome) + 1);
});
