/** PublicKeyCredential.getClientCapabilities() as a page sees it with Tapkey in front of the browser. */
import { expect, test } from './fixtures.ts';
import { openBlankPage } from './webauthn-calls.ts';

test.beforeEach(openBlankPage);

test('getClientCapabilities claims only what Tapkey does, in the spec’s key order', async ({ page }) => {
  const { capabilities, name, length, descriptor } = await page.evaluate(async () => {
    const pkc = PublicKeyCredential as unknown as {
      getClientCapabilities(): Promise<Record<string, boolean>>;
    };
    const d = Object.getOwnPropertyDescriptor(PublicKeyCredential, 'getClientCapabilities');
    return {
      capabilities: await pkc.getClientCapabilities(),
      name: pkc.getClientCapabilities.name,
      length: pkc.getClientCapabilities.length,
      descriptor: { writable: d?.writable, enumerable: d?.enumerable, configurable: d?.configurable },
    };
  });
  const extensions = Object.entries(capabilities).filter(([key]) => key.startsWith('extension:'));
  // Chromium's own answer claims prf, largeBlob, credBlob…; Tapkey implements credProps, largeBlob, prf.
  expect(extensions.filter(([, on]) => on)).toEqual([
    ['extension:credProps', true],
    ['extension:largeBlob', true],
    ['extension:prf', true],
  ]);
  expect(extensions.length).toBeGreaterThan(5);
  expect(capabilities.relatedOrigins).toBe(false);
  // Conditional mediation goes to the browser, so its answer stands.
  expect(capabilities.conditionalGet).toBe(true);
  expect(Object.keys(capabilities)).toEqual(Object.keys(capabilities).sort());
  // The wrapper keeps the native method's shape.
  expect({ name, length, descriptor }).toEqual({
    name: 'getClientCapabilities',
    length: 0,
    descriptor: { writable: true, enumerable: true, configurable: true },
  });
});
