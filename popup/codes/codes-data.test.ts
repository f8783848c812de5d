// @vitest-environment happy-dom
/**
 * The Codes tab's data: the account list (a large answer) is asked for while the popup looks its tab
 * up, and the tab site's scores once that is known. One after the other they cost 15–20 ms more of
 * the tab's first render.
 */
import { beforeEach, expect, it, vi } from 'vitest';
import { fake } from '../../test/fakes/browser-global.ts';
import { type Received, scriptedWorker } from '../../test/fakes/popup-worker.ts';

let received: Received[];
let releaseTab: (tabs: { id: number; url: string }[]) => void;

beforeEach(() => {
  fake.reset();
  received = scriptedWorker(fake, (name) => {
    if (name === 'otp/list') return { ok: true, accounts: [], clockOffsetMs: 0, siteScores: {} };
    if (name === 'otp/site-scores') return { ok: true, siteScores: { a1: 3 } };
    return undefined;
  });
  const tabs = fake.browser.tabs as unknown as { query: () => Promise<unknown> };
  tabs.query = () =>
    new Promise((resolve) => {
      releaseTab = resolve;
    });
});

it('asks for the list before the tab is known, then for the scores of the tab’s site', async () => {
  vi.resetModules();
  const { codesData } = await import('./codes-data.ts');
  const data = codesData();
  await vi.waitFor(() => expect(received.map((m) => m.name)).toEqual(['otp/list']));
  expect(received[0]!.payload).toEqual({});
  releaseTab([{ id: 7, url: 'https://gist.github.com/alice' }]);
  const { tab, result } = await data;
  expect(tab).toEqual({ id: 7, url: 'https://gist.github.com/alice' });
  expect(received.map((m) => [m.name, m.payload])).toEqual([
    ['otp/list', {}],
    ['otp/site-scores', { hostname: 'gist.github.com' }],
  ]);
  expect(result).toMatchObject({ ok: true, siteScores: { a1: 3 } });
});

it('asks for no scores when the tab is not a web page', async () => {
  vi.resetModules();
  const { codesData } = await import('./codes-data.ts');
  const data = codesData();
  await vi.waitFor(() => expect(received).toHaveLength(1));
  releaseTab([{ id: 8, url: 'chrome://settings' }]);
  await data;
  expect(received.map((m) => m.name)).toEqual(['otp/list']);
});
