// @vitest-environment happy-dom
/**
 * The workbench's passkey list with many passkeys: a ceremony logged while the list is drawn does not
 * redraw it once per log entry (it once made the extension's pages, which share one renderer, wait
 * seconds with 2,000 passkeys), and a moved counter redraws only its own row.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { WorkbenchCredential } from '../src/workbench-core/types.ts';
import { fake } from '../test/fakes/browser-global.ts';
import { scriptedWorker } from '../test/fakes/popup-worker.ts';
import { passkeysSection } from './passkeys-section.ts';

const passkey = (i: number, signCount = 0): WorkbenchCredential => ({
  id: `id-${i}`,
  rpId: `site${i % 10}.example`,
  rpName: `Site ${i % 10}`,
  userHandle: `handle-${i}`,
  userName: `user${i}`,
  userDisplayName: `User ${i}`,
  discoverable: true,
  alg: -7,
  signCount,
  createdAt: 0,
  lastUsedAt: null,
});

let stored: WorkbenchCredential[];
let lists: number;
/** The RP IDs asked for one at a time. */
let rpLists: string[];

beforeEach(() => {
  fake.reset();
  stored = Array.from({ length: 200 }, (_, i) => passkey(i));
  lists = 0;
  rpLists = [];
  scriptedWorker(fake, (name, payload) => {
    if (name !== 'workbench/credentials') return undefined;
    if (typeof payload.rpId === 'string') {
      rpLists.push(payload.rpId);
      return { credentials: stored.filter((c) => c.rpId === payload.rpId).map((c) => ({ ...c })) };
    }
    lists++;
    return { credentials: stored.map((c) => ({ ...c })) };
  });
  document.body.innerHTML = '';
});

describe('the workbench passkey list', () => {
  it('refreshes asked for while one runs make one more, not one each', async () => {
    const section = passkeysSection();
    document.body.append(section.element);
    await Promise.all(Array.from({ length: 20 }, () => section.refresh()));
    expect(lists).toBe(2);
    expect(document.querySelectorAll('li.credential')).toHaveLength(200);
  });

  it('a moved counter redraws that row only', async () => {
    const section = passkeysSection();
    document.body.append(section.element);
    await section.refresh();
    const rows = [...document.querySelectorAll('li.credential')];
    stored[7] = passkey(7, 5);
    await section.refresh();
    const after = [...document.querySelectorAll('li.credential')];
    const replaced = after.filter((row, i) => row !== rows[i]);
    expect(replaced.map((r) => (r as HTMLElement).dataset.credentialId)).toEqual(['id-7']);
    expect(document.querySelector<HTMLInputElement>('[data-credential-id="id-7"] input.counter')?.value).toBe(
      '5',
    );
  });

  it("a ceremony's site is fetched alone: its changed row redrawn, the other sites untouched", async () => {
    const section = passkeysSection();
    document.body.append(section.element);
    await section.refresh();
    const rows = [...document.querySelectorAll('li.credential')];
    stored[7] = passkey(7, 9);
    await section.refresh({ rpIds: ['site7.example'] });
    expect(lists).toBe(1);
    expect(rpLists).toEqual(['site7.example']);
    const after = [...document.querySelectorAll('li.credential')];
    expect(
      after.filter((row, i) => row !== rows[i]).map((r) => (r as HTMLElement).dataset.credentialId),
    ).toEqual(['id-7']);
  });

  it('a new site gets its group in site order; a site whose last passkey went loses it', async () => {
    stored = [passkey(1), passkey(3)];
    const section = passkeysSection();
    document.body.append(section.element);
    await section.refresh();
    stored.push({ ...passkey(2), rpId: 'site2.example' });
    await section.refresh({ rpIds: ['site2.example'] });
    const sites = () =>
      [...document.querySelectorAll('ul[data-rp-id]')].map((u) => (u as HTMLElement).dataset.rpId);
    expect(sites()).toEqual(['site1.example', 'site2.example', 'site3.example']);
    expect(document.querySelectorAll('#passkey-list h3')).toHaveLength(3);
    stored = stored.filter((c) => c.rpId !== 'site1.example');
    await section.refresh({ rpIds: ['site1.example'] });
    expect(sites()).toEqual(['site2.example', 'site3.example']);
    expect(document.getElementById('rp-site1.example')).toBeNull();
    expect(lists).toBe(1);
  });
});
