/**
 * Imported first by a test file whose modules reach the extension APIs: installs the fake browser
 * before webextension-polyfill loads (see fake-browser.ts), and hands it to the test.
 */
import { installFakeBrowser } from './fake-browser.ts';

export const fake = installFakeBrowser();
