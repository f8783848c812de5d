/**
 * What differs between the browsers Tapkey runs in, and nothing else. Each browser has one
 * implementation (chrome.ts, firefox.ts); the build picks one for `./index.ts` (vite.config.ts), so
 * the rest of the code never asks which browser it is in.
 */
export interface Platform {
  readonly name: 'chrome' | 'firefox';
  /**
   * Started once, synchronously, at the top of the background script: listeners that must be there
   * when an event wakes a stopped background (Firefox's event page is suspended when idle, too).
   */
  startBackground(): void;
  /**
   * Background only: empties the clipboard after `afterMs`, even once the popup that copied is gone.
   * False when this browser cannot (then the popup clears it while it stays open).
   */
  clearClipboardLater(afterMs: number): Promise<boolean>;
  /**
   * Background only, when a page is about to use WebAuthn: prepares what opening the prompt's window
   * will need, unseen. A speed-up only: it never fails, and may do nothing.
   */
  preparePrompt(): Promise<void>;
  /** Background only: the IDs of the windows showing the extension page at `url` (tabs, not popups). */
  windowsShowing(url: string): Promise<number[]>;
  /**
   * The URL prefix of the browser's own favicon cache for extension pages ('' where there is none:
   * then the popup shows the site's first letter).
   */
  faviconEndpoint(): string;
  /**
   * The origin the add-on's own pages have, as a web page's postMessage sees it: the autofill list is
   * one, framed in the page, and the relay posts its token to that origin only.
   */
  ownOrigin(): string;
  /**
   * Opens the developer workbench beside the page: Chrome's side panel (in `windowId`), Firefox's
   * sidebar. Both want the user's gesture: call it from the click, before anything is awaited.
   */
  openWorkbenchBeside(windowId: number | undefined): Promise<void>;
}
