/**
 * A TypeScript file built as a classic script of its own and put at the top of one page's <head>
 * with `async`. Vite bundles every module script of a page into one entry that runs only after the
 * whole module graph, the stylesheets and the parser are done; a classic async script runs as soon as
 * it arrives. Used for the popup's first question to the worker (popup/early-ask.ts), which also has
 * the browser fetch the Codes tab's code (a chunk imported on demand) while the modules load.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Plugin, type Rolldown, transformWithOxc } from 'vite';

export interface ClassicScript {
  /** The TypeScript source, from the project root. */
  source: string;
  /** Where it goes in the build, from the output root (also its URL path). */
  fileName: string;
  /** The page (from the project root) whose <head> loads it. */
  page: string;
  /**
   * Identifiers the script uses for the built files of a module imported on demand (from the project
   * root): its chunk and the chunks it imports, as URL paths, filled in at build time.
   */
  chunkFiles?: Record<string, string>;
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

/** Puts `files` (as a JSON array) wherever the script names `identifier`; refused if it never does. */
export function fillChunkFiles(code: string, identifier: string, files: readonly string[]): string {
  const name = new RegExp(`\\b${identifier}\\b`, 'g');
  if (!name.test(code)) throw new Error(`the classic script never uses ${identifier}`);
  return code.replace(name, JSON.stringify(files));
}

function chunkOf(bundle: Rolldown.OutputBundle, module: string): Rolldown.OutputChunk | undefined {
  for (const out of Object.values(bundle)) {
    if (out.type === 'chunk' && out.facadeModuleId === resolve(module)) return out;
  }
  return undefined;
}

/**
 * The built chunk of `module` (imported on demand, so a chunk of its own) and the chunks it imports,
 * but for those the page's own entry loads already.
 */
function filesOf(bundle: Rolldown.OutputBundle, module: string, page: string): string[] {
  const chunk = chunkOf(bundle, module);
  if (!chunk) throw new Error(`${module} is not a chunk of its own in the build`);
  const loaded = new Set<string>();
  const load = (file: string) => {
    const out = bundle[file];
    if (loaded.has(file) || out?.type !== 'chunk') return;
    loaded.add(file);
    for (const imported of out.imports) load(imported);
  };
  const entry = chunkOf(bundle, page);
  if (entry) load(entry.fileName);
  return [chunk.fileName, ...chunk.imports].filter((file) => !loaded.has(file)).map((file) => `/${file}`);
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
    async generateBundle(_options, bundle) {
      const { code } = await transformWithOxc(readFileSync(sourcePath, 'utf8'), sourcePath, {
        lang: 'ts',
      });
      let source = asClassic(code, script.source);
      for (const [identifier, module] of Object.entries(script.chunkFiles ?? {}))
        source = fillChunkFiles(source, identifier, filesOf(bundle, module, script.page));
      this.emitFile({ type: 'asset', fileName: script.fileName, source });
    },
  };
}
