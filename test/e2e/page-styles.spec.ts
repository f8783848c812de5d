/**
 * Each extension page gets its own stylesheet and no other: the build groups the pages' code in
 * shared chunks (vite.config.ts pageChunk), and a page importing a chunk that carries another page's
 * stylesheet is given that stylesheet too (the workbench once got the popup's).
 */
import { expect, test } from './fixtures.ts';

for (const [path, own] of [
  ['workbench/workbench.html', 'workbench'],
  ['popup/popup.html?stay=1', 'popup-views'],
  ['offscreen/prompt-preload.html', 'popup-views'],
] as const) {
  test(`${path.split('?')[0]} has its own stylesheet only`, async ({ page, extension }) => {
    await page.goto(`chrome-extension://${extension}/${path}`);
    const sheets = await page.evaluate(() =>
      [...document.styleSheets].map((s) => new URL(s.href ?? 'inline:').pathname.split('/').pop() ?? ''),
    );
    expect(sheets.map((name) => name.replace(/-[\w-]{8}\.css$/, ''))).toEqual([own]);
  });
}

/**
 * The popup's classic early script (popup/early-ask.ts) has the toolbar popup fetch the Codes tab's
 * code beside its own modules, and leaves the prompt window, which never shows that tab, alone.
 */
for (const [query, codes] of [
  ['stay=1', true],
  ['window=1&stay=1', false],
] as const) {
  test(`popup.html?${query} ${codes ? 'preloads' : 'does not preload'} the Codes tab's code`, async ({
    page,
    extension,
  }) => {
    // goto waits for the load event, which waits for async scripts to have run.
    await page.goto(`chrome-extension://${extension}/popup/popup.html?${query}`);
    await expect(page.locator('script[async][src="/popup/early-ask.js"]')).toHaveCount(1);
    const preloaded = () =>
      page.evaluate(() =>
        [...document.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]')].map(
          (link) =>
            new URL(link.href).pathname
              .split('/')
              .pop()
              ?.replace(/-[\w-]{8}\.js$/, '') ?? '',
        ),
      );
    if (codes) await expect.poll(preloaded).toContain('codes-view');
    else expect(await preloaded()).not.toContain('codes-view');
  });
}
