// @vitest-environment happy-dom
/**
 * The Codes tab's data: the tab first, then the first screen of accounts in the order the list shows
 * for that tab's site (small: 1,000 accounts at once were a 360 kB answer before anything could be
 * drawn); every account only when the tab asks for the rest.
 */
import { beforeEach, expect, it, vi } from 'vitest';
import { fake } from '../../test/fakes/browser-global.ts';
import { type Received, scriptedWorker } from '../../test/fakes/popup-worker.ts';
import { FIRST_SCREEN_ACCOUNTS } from './codes-data.ts';

let received: Received[];
let releaseTab: (tabs: { id: number; url: string }[]) => void;

beforeEach(() => {
  fake.reset();
  received = scriptedWorker(fake, (name) => {
    if (name === 'otp/list')
      return { ok: true, accounts: [], total: 0, clockOffsetMs: 0, siteScores: { a1: 3 } };
    return undefined;
  });
  const tabs = fake.browser.tabs as unknown as { query: () => Promise<unknown> };
  tabs.query = () =>
    new Promise((resolve) => {
      releaseTab = resolve;
    });
});

it('looks the tab up, asks for the first screen of its site, and for the rest only when told', async () => {
  vi.resetModules();
  const { codesData } = await import('./codes-data.ts');
  const data = codesData();
  await Promise.resolve();
  // Nothing is asked before the tab is known: the first screen's order depends on its site.
  expect(received).toEqual([]);
  releaseTab([{ id: 7, url: 'https://gist.github.com/alice' }]);
  const { tab, result, rest } = await data;
  expect(tab).toEqual({ id: 7, url: 'https://gist.github.com/alice' });
  expect(result).toMatchObject({ ok: true, siteScores: { a1: 3 } });
  expect(received.map((m) => [m.name, m.payload])).toEqual([
    ['otp/list', { hostname: 'gist.github.com', first: FIRST_SCREEN_ACCOUNTS }],
  ]);
  await rest();
  expect(received.map((m) => m.payload).at(-1)).toEqual({ hostname: 'gist.github.com' });
});

it('a render after a change asks for every account at once', async () => {
  vi.resetModules();
  const { codesData } = await import('./codes-data.ts');
  const data = codesData(true);
  releaseTab([{ id: 7, url: 'https://gist.github.com/alice' }]);
  await data;
  expect(received.map((m) => m.payload)).toEqual([{ hostname: 'gist.github.com' }]);
});

it('a tab that is not a web page: the first screen and the rest without a site', async () => {
  vi.resetModules();
  const { codesData } = await import('./codes-data.ts');
  const data = codesData();
  releaseTab([{ id: 8, url: 'chrome://settings' }]);
  await (await data).rest();
  expect(received.map((m) => m.payload)).toEqual([{ first: FIRST_SCREEN_ACCOUNTS }, {}]);
});
