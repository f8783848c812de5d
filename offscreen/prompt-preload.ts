/**
 * Offscreen document, opened when a page is about to use WebAuthn (platform `preparePrompt`): it
 * loads the popup's modules and styles, the same built files the prompt window loads, so that window
 * finds them compiled and cached in the extension's process and paints sooner. It shows nothing,
 * runs none of the popup's code, talks to no one, and closes itself.
 */
import '../popup/home-view.ts';
import '../popup/prompt/prompt-view.ts';
import '../popup/prompt/queued-line.ts';
import '../popup/worker-port.ts';
import '../src/i18n/page-language.ts';
import '../src/messages/client.ts';

/** A sign-in comes within seconds of the page's probe, or not at all. */
const PRELOAD_LIFE_MS = 60_000;

setTimeout(() => window.close(), PRELOAD_LIFE_MS);
