/**
 * Chrome's one offscreen document, shared by the clipboard's clearing (which must happen) and the
 * prompt's preload (a speed-up): the clipboard always gets the slot, the preload only a free one, and
 * calls close together never ask Chrome for a second document.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fake } from '../../test/fakes/browser-global.ts';
import { EXTENSION_ORIGIN } from '../../test/fakes/fake-browser.ts';
import { openClipboardDocument, PRELOAD_PATH, preloadPromptPage } from './offscreen-slot.ts';

let offscreen: ReturnType<typeof fake.withOffscreen>;
beforeEach(() => {
  fake.reset();
  offscreen = fake.withOffscreen();
});

const openDocuments = () =>
  fake.chrome.runtime.contexts
    .filter((c) => c.contextType === 'OFFSCREEN_DOCUMENT')
    .map((c) => c.documentUrl.slice(EXTENSION_ORIGIN.length + 1));

describe('the offscreen slot', () => {
  it('preloads the prompt page, unseen, once while it stays open', async () => {
    await preloadPromptPage();
    await preloadPromptPage();
    expect(openDocuments()).toEqual([PRELOAD_PATH]);
    expect(offscreen.created).toEqual([{ url: PRELOAD_PATH, reasons: ['DOM_PARSER'] }]);
  });

  it('gives the slot to the clipboard: the preload is closed for it, never the other way', async () => {
    await preloadPromptPage();
    await openClipboardDocument();
    expect(openDocuments()).toEqual(['offscreen/clipboard.html']);
    await preloadPromptPage();
    expect(openDocuments()).toEqual(['offscreen/clipboard.html']);
    expect(offscreen.created.map((c) => c.reasons)).toEqual([['DOM_PARSER'], ['CLIPBOARD']]);
  });

  it('serializes calls made together, which Chrome would refuse as a second document', async () => {
    const calls = [
      preloadPromptPage(),
      openClipboardDocument(),
      openClipboardDocument(),
      preloadPromptPage(),
    ];
    await expect(Promise.all(calls)).resolves.toBeDefined();
    expect(openDocuments()).toEqual(['offscreen/clipboard.html']);
    expect(offscreen.created.map((c) => c.url)).toEqual([PRELOAD_PATH, 'offscreen/clipboard.html']);
  });

  it('opens the clipboard document when a preload closed itself meanwhile', async () => {
    await preloadPromptPage();
    // The preload's own timer closed it between the look and the close.
    const close = offscreen.closeDocument.bind(offscreen);
    offscreen.closeDocument = async () => {
      await close();
      throw new Error('No current offscreen document.');
    };
    await openClipboardDocument();
    expect(openDocuments()).toEqual(['offscreen/clipboard.html']);
  });

  it('never fails a warm-up: a refused preload is only a slower prompt', async () => {
    offscreen.createDocument = async () => {
      throw new Error('offscreen documents are disabled');
    };
    await expect(preloadPromptPage()).resolves.toBeUndefined();
    await openClipboardDocument().catch(() => undefined);
    expect(openDocuments()).toEqual([]);
  });
});
