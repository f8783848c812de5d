/** Chrome's platform: the favicon cache, its pages' origin, and no clearing without chrome.offscreen. */
import { beforeEach, describe, expect, it } from 'vitest';
import { fake } from '../../test/fakes/browser-global.ts';
import { EXTENSION_ID, EXTENSION_ORIGIN } from '../../test/fakes/fake-browser.ts';
import { platform } from './chrome.ts';

beforeEach(() => {
  fake.reset();
});

describe('Chrome platform', () => {
  it('reads site icons from its own favicon endpoint', () => {
    expect(platform.name).toBe('chrome');
    expect(platform.faviconEndpoint()).toBe(`${EXTENSION_ORIGIN}/_favicon/`);
  });

  it('names its pages’ origin by the extension ID (getURL may give a dynamic one)', () => {
    expect(platform.ownOrigin()).toBe(`chrome-extension://${EXTENSION_ID}`);
  });

  it('says it cannot clear the clipboard where there is no chrome.offscreen (the popup then does)', async () => {
    expect(await platform.clearClipboardLater(30_000)).toBe(false);
  });

  it('finds the windows showing an extension page through runtime.getContexts', async () => {
    fake.chrome.runtime.contexts = [
      { documentUrl: `${EXTENSION_ORIGIN}/popup/popup.html?window=1`, windowId: 3 },
    ];
    expect(await platform.windowsShowing(`${EXTENSION_ORIGIN}/popup/popup.html?window=1`)).toEqual([3]);
  });
});
