/**
 * The platform of this build. This file names Chrome's; the Firefox build resolves this module to
 * firefox.ts instead (vite.config.ts, `platformFor`), so unit tests and the Chrome build share it.
 */
export { platform } from './chrome.ts';
