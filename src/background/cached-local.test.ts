/** A storage.local value the worker reads on every ceremony: one read per worker life, then memory. */

import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fake } from '../../test/fakes/browser-global.ts';
import { cachedLocal } from './cached-local.ts';

beforeEach(() => fake.reset());

describe('cachedLocal', () => {
  it('reads storage once, follows storage.onChanged, and serves what it set', async () => {
    await fake.browser.storage.local.set({ list: ['a', 7] });
    const read = vi.spyOn(fake.browser.storage.local, 'get');
    const value = cachedLocal('list', (v) =>
      Array.isArray(v) ? v.filter((x) => typeof x === 'string') : [],
    );
    expect(await value.get()).toEqual(['a']);
    expect(await value.get()).toEqual(['a']);
    expect(read).toHaveBeenCalledTimes(1);
    // Another worker life (or a restore) changed it.
    fake.browser.storage.onChanged.fire({ list: { newValue: ['b'] } }, 'local');
    expect(await value.get()).toEqual(['b']);
    fake.browser.storage.onChanged.fire({ other: { newValue: 1 } }, 'local');
    fake.browser.storage.onChanged.fire({ list: { newValue: ['c'] } }, 'session');
    expect(await value.get()).toEqual(['b']);
    await value.set(['d']);
    expect(await value.get()).toEqual(['d']);
    expect(await fake.browser.storage.local.get('list')).toEqual({ list: ['d'] });
    expect(read).toHaveBeenCalledTimes(2);
  });
});
