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
