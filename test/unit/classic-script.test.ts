/** The build step that makes popup/early-ask.ts a classic script in the popup page's <head>. */
import type { IndexHtmlTransformHook } from 'vite';
import { describe, expect, it } from 'vitest';
import { asClassic, classicScript } from '../../scripts/build/classic-script.ts';

describe('a TypeScript file built as a classic script', () => {
  it('loses the empty export that only marked it a module', () => {
    expect(asClassic('(() => {\n\tgo();\n})();\nexport {};\n', 'a.ts')).toBe('(() => {\n\tgo();\n})();\n');
  });

  it('is refused when it imports or exports anything real', () => {
    expect(() => asClassic('import { x } from "./x.js";\nx();\n', 'a.ts')).toThrow(/only types/);
    expect(() => asClassic('export const y = 1;\n', 'a.ts')).toThrow(/only types/);
  });

  const hook = () => {
    const plugin = classicScript({
      source: 'popup/early-ask.ts',
      fileName: 'popup/early-ask.js',
      page: 'popup/popup.html',
    });
    const transform = plugin.transformIndexHtml as { handler: IndexHtmlTransformHook };
    return (html: string, filename: string) =>
      transform.handler.call({} as never, html, { filename, path: '/', server: undefined } as never);
  };

  it('goes right after the charset of its own page, async, and nowhere else', () => {
    const html = '<head>\n    <meta charset="utf-8" />\n    <title>T</title>\n</head>';
    expect(hook()(html, 'popup/popup.html')).toBe(
      '<head>\n    <meta charset="utf-8" />\n    <script async src="/popup/early-ask.js"></script>\n    <title>T</title>\n</head>',
    );
    expect(hook()(html, 'workbench/workbench.html')).toBe(html);
  });

  it('a page without the charset line is an error, not a page without the script', () => {
    expect(() => hook()('<head><title>T</title></head>', 'popup/popup.html')).toThrow(/charset/);
  });
});
