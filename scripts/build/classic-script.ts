/**
 * A TypeScript file built as a classic script of its own and put at the top of one page's <head>
 * with `async`. Vite bundles every module script of a page into one entry that runs only after the
 * whole module graph, the stylesheets and the parser are done; a classic async script runs as soon as
 * it arrives. Used for the popup's first question to the worker (popup/early-ask.ts).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Plugin, transformWithOxc } from 'vite';

export interface ClassicScript {
  /** The TypeScript source, from the project root. */
  source: string;
  /** Where it goes in the build, from the output root (also its URL path). */
  fileName: string;
  /** The page (from the project root) whose <head> loads it. */
  page: string;
}

/**
 * The transpiled file as a classic script: without the empty `export {}` that marks a file importing
 * only types as a module, and refused when a real import or export is left (a classic script cannot
 * hold one).
 */
export function asClassic(code: string, source: string): string {
  const script = code.replace(/^export \{\};?\s*$/m, '');
  if (/^\s*(import|export)\b/m.test(script))
    throw new Error(`${source} must import only types: a classic script cannot import or export`);
  return script;
}

export function classicScript(script: ClassicScript): Plugin {
  const sourcePath = resolve(script.source);
  return {
    name: 'tapkey-classic-script',
    apply: 'build',
    buildStart() {
      this.addWatchFile(sourcePath);
    },
    // After Vite's own pass, which would warn that it cannot bundle a classic script; right after the
    // charset, so the preload scanner asks for it before the module graph.
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (resolve(ctx.filename) !== resolve(script.page)) return html;
        const charset = /<meta charset="utf-8" \/>/i;
        if (!charset.test(html)) throw new Error(`${script.page} has no <meta charset="utf-8" /> to follow`);
        return html.replace(
          charset,
          (tag) => `${tag}\n    <script async src="/${script.fileName}"></script>`,
        );
      },
    },
    async generateBundle() {
      const { code } = await transformWithOxc(readFileSync(sourcePath, 'utf8'), sourcePath, {
        lang: 'ts',
      });
      this.emitFile({ type: 'asset', fileName: script.fileName, source: asClassic(code, script.source) });
    },
  };
}
