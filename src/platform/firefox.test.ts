/**
 * Firefox's platform: the background page clears the clipboard itself, on an alarm (which wakes a
 * suspended event page), and there is no favicon cache. (The real clipboard: test/firefox/otp.spec.ts.)
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fake } from '../../test/fakes/browser-global.ts';
import { EXTENSION_ORIGIN } from '../../test/fakes/fake-browser.ts';
import { platform } from './firefox.ts';

const ALARM = 'tapkey-clear-clipboard';
const writeText = vi.fn(async (_text: string) => undefined);

beforeEach(() => {
  fake.reset();
  writeText.mockClear();
  vi.stubGlobal('navigator', { clipboard: { writeText } });
  platform.startBackground();
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('Firefox platform', () => {
  it('schedules the clearing as an alarm afterMs from now, and says it will clear', async () => {
    const before = Date.now();
    expect(await platform.clearClipboardLater(30_000)).toBe(true);
    const when = fake.alarms.get(ALARM)?.when ?? 0;
    expect(when).toBeGreaterThanOrEqual(before + 30_000);
    expect(when).toBeLessThanOrEqual(Date.now() + 30_000);
    expect(writeText).not.toHaveBeenCalled();
  });

  it('a later copy moves the one alarm', async () => {
    await platform.clearClipboardLater(30_000);
    await platform.clearClipboardLater(60_000);
    expect([...fake.alarms.keys()]).toEqual([ALARM]);
    expect(fake.alarms.get(ALARM)!.when!).toBeGreaterThan(Date.now() + 45_000);
  });

  it('empties the clipboard when the alarm rings, and only for its own alarm', async () => {
    await platform.clearClipboardLater(30_000);
    fake.ringAlarm('tapkey-auto-lock');
    expect(writeText).not.toHaveBeenCalled();
    fake.ringAlarm(ALARM);
    await vi.waitFor(() => expect(writeText).toHaveBeenCalledWith(''));
  });

  it('has no favicon endpoint: the popup shows the letter', () => {
    expect(platform.name).toBe('firefox');
    expect(platform.faviconEndpoint()).toBe('');
  });

  it("names its pages' origin by the URL Firefox gives them (the ID is not in it)", () => {
    expect(platform.ownOrigin()).toBe(EXTENSION_ORIGIN);
  });

  it('finds the windows showing an extension page through runtime.getContexts', async () => {
    fake.chrome.runtime.contexts = [
      { documentUrl: 'moz-extension://x/popup/popup.html?window=1', windowId: 7 },
      { documentUrl: 'moz-extension://x/popup/popup.html', windowId: 8 },
    ];
    expect(await platform.windowsShowing('moz-extension://x/popup/popup.html?window=1')).toEqual([7]);
  });
});
