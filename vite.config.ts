import { fileURLToPath } from 'node:url';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import { type Alias, defineConfig } from 'vite';
import manifest from './manifest.json' with { type: 'json' };
import { classicScript } from './scripts/build/classic-script.ts';
import { type ChromeManifest, firefoxManifest } from './scripts/build/firefox-manifest.ts';

type Browser = 'chrome' | 'firefox';

/**
 * The one place the browser is chosen: every import of src/platform/index.ts (which names Chrome's
 * implementation, for the Chrome build and the unit tests) becomes the build's own platform file.
 * An alias rather than a plugin: crxjs builds the standalone content scripts (the relay) in a vite
 * build of their own that keeps `resolve` but no plugins.
 */
function platformFor(browser: Browser): Alias[] {
  if (browser === 'chrome') return [];
  const target = fileURLToPath(new URL(`./src/platform/${browser}.ts`, import.meta.url));
  return [{ find: /^(?:\.\.?\/)+(?:src\/)?platform\/index\.ts$/, replacement: target }];
}

/**
 * The extension pages' code in two chunks instead of a dozen small ones: every file an extension page
 * loads is a request to the browser process, and the prompt window's ten took about 20 ms of its
 * start (issue 11). The popup's own views in one; what all pages share (messages, the polyfill,
 * i18n, platform) in another, so the autofill list and the offscreen documents load no popup code.
 * Entries, and the Codes tab (loaded on demand, with its QR decoder), stay as they are.
 */
function pageChunk(id: string): string | undefined {
  if (id.includes('.html') || /[\\/]popup[\\/]popup\.ts$/.test(id) || /[\\/]codes[\\/]/.test(id))
    return undefined;
  // The DOM helpers go with what is shared: the workbench uses them, and a page importing the popup's
  // chunk would be given the popup's stylesheet too.
  if (/[\\/]popup[\\/]dom\.ts$/.test(id)) return 'pages-shared';
  if (/[\\/]popup[\\/]/.test(id)) return 'popup-views';
  if (/[\\/](node_modules[\\/]webextension-polyfill|src[\\/](messages|i18n|platform|shared))[\\/]/.test(id))
    return 'pages-shared';
  return undefined;
}

const OUT_DIR: Record<Browser, string> = { chrome: 'dist', firefox: 'dist-firefox' };

// `vite build` is Chrome's build; `vite build --mode firefox` Firefox's (package.json build:firefox).
export default defineConfig(({ mode }) => {
  const browser: Browser = mode === 'firefox' ? 'firefox' : 'chrome';
  const chromeManifest = manifest as ChromeManifest;
  return {
    resolve: { alias: platformFor(browser) },
    plugins: [
      // The page script and the relay are standalone IIFEs: crxjs's default loader imports content
      // scripts asynchronously, which would let a page capture navigator.credentials first
      // (architecture trap 3).
      crx({
        manifest: (browser === 'firefox'
          ? firefoxManifest(chromeManifest)
          : chromeManifest) as ManifestV3Export,
        browser,
        contentScripts: { standaloneFiles: ['src/page/page-script.ts', 'src/content/relay.ts'] },
      }),
      // The popup asks the worker for a waiting prompt before its modules have loaded (issue 11).
      classicScript({
        source: 'popup/early-ask.ts',
        fileName: 'popup/early-ask.js',
        page: 'popup/popup.html',
      }),
    ],
    build: {
      outDir: OUT_DIR[browser],
      emptyOutDir: true,
      target: browser === 'firefox' ? 'firefox140' : 'chrome116',
      // The worker starts cold for most sign-ins (Chrome stops it after 30 s idle): a minified bundle
      // is parsed faster (the worker's own code 757 → 447 kB).
      minify: true,
      sourcemap: false,
      // The offscreen document is not named in the manifest, and the autofill frame only as a web
      // accessible resource, so each is an input of its own. Firefox has no offscreen documents.
      // Chrome 116+ has modulepreload: no polyfill chunk to load.
      modulePreload: { polyfill: false },
      rollupOptions: {
        output: { manualChunks: pageChunk },
        input: {
          ...(browser === 'chrome'
            ? { clipboard: 'offscreen/clipboard.html', preload: 'offscreen/prompt-preload.html' }
            : {}),
          offer: 'offer/offer.html',
          workbench: 'workbench/workbench.html',
        },
      },
    },
    server: { port: 5174, strictPort: true, hmr: { port: 5174 } },
  };
});
