/**
 * Modules that show words call chrome.i18n: a test that installs no fake browser still gets the
 * English catalogue, as the e2e suite's en-US Chromium does. A fake browser, once installed,
 * replaces `chrome` with its own (which has the same i18n).
 */
import { fakeI18n } from '../fakes/fake-i18n.ts';

const global = globalThis as { chrome?: object };
global.chrome ??= { i18n: fakeI18n() };
