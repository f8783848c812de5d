import { crx } from '@crxjs/vite-plugin';
import { defineConfig } from 'vite';
import manifest from './manifest.json' with { type: 'json' };

// The page script and the relay are standalone IIFEs: crxjs's default loader imports content scripts
// asynchronously, which would let a page capture navigator.credentials first (architecture trap 3).
export default defineConfig({
  plugins: [
    crx({
      manifest,
      contentScripts: { standaloneFiles: ['src/page/page-script.ts', 'src/content/relay.ts'] },
    }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'chrome116',
    // The worker starts cold for most sign-ins (Chrome stops it after 30 s idle): a minified bundle
    // is parsed faster (the worker's own code 757 → 447 kB).
    minify: true,
    sourcemap: false,
    // The offscreen document is not named in the manifest, and the autofill frame only as a web
    // accessible resource, so each is an input of its own.
    rollupOptions: {
      input: {
        clipboard: 'offscreen/clipboard.html',
        offer: 'offer/offer.html',
        workbench: 'workbench/workbench.html',
      },
    },
  },
  server: { port: 5174, strictPort: true, hmr: { port: 5174 } },
});
