/**
 * The extension's own open documents, by `runtime.getContexts` (Chrome 116+, Firefox 128+): after a
 * background restart it is the only way to find a window the previous life opened. Nothing where the
 * call is missing.
 */
export interface OpenContext {
  documentUrl?: string;
  windowId: number;
}

type ContextKind = 'TAB' | 'OFFSCREEN_DOCUMENT';

/** The open contexts of `kind`: all of them, or those showing `url` exactly. */
export async function openContexts(kind: ContextKind, url?: string): Promise<OpenContext[]> {
  // Both browsers answer on `chrome` (Firefox's alias of `browser`), with a Promise in MV3.
  if (!globalThis.chrome?.runtime?.getContexts) return [];
  const all = await chrome.runtime.getContexts({ contextTypes: [kind as chrome.runtime.ContextType] });
  return url === undefined ? all : all.filter((c) => c.documentUrl === url);
}
