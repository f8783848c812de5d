/**
 * A fake of the extension APIs the worker and the popup reach (`browser.*` through
 * webextension-polyfill, and the few `chrome.*` calls), in memory, for unit tests. It is the edge:
 * every module under test runs as it is; only the browser beneath it is pretend.
 *
 * webextension-polyfill exports `globalThis.browser` as it is when that object already has a
 * `runtime.id` (as Firefox's does), so installing this before the first import of a worker or popup
 * module makes every `import browser from 'webextension-polyfill'` see the fake. Install it with
 * `import '../../test/fakes/browser-global.ts'` as a test file's first import.
 *
 * Storage values go through JSON, as chrome.storage serialises them: a Uint8Array stored by mistake
 * would not come back as one here either.
 */

import { fakeI18n } from './fake-i18n.ts';

export const EXTENSION_ID = 'abcdefghijklmnopabcdefghijklmnop';
export const EXTENSION_ORIGIN = `chrome-extension://${EXTENSION_ID}`;

/** An event as the extension APIs have them: listeners added, and the test fires it. */
export interface FakeEvent<A extends unknown[], R = unknown> {
  addListener(listener: (...args: A) => R): void;
  removeListener(listener: (...args: A) => R): void;
  hasListener(listener: (...args: A) => R): boolean;
  /** Calls every listener; returns what they returned. */
  fire(...args: A): R[];
  readonly listeners: ((...args: A) => R)[];
  clear(): void;
}

export function fakeEvent<A extends unknown[], R = unknown>(): FakeEvent<A, R> {
  const listeners: ((...args: A) => R)[] = [];
  return {
    listeners,
    addListener: (l) => void listeners.push(l),
    removeListener: (l) => {
      const i = listeners.indexOf(l);
      if (i >= 0) listeners.splice(i, 1);
    },
    hasListener: (l) => listeners.includes(l),
    fire: (...args) => [...listeners].map((l) => l(...args)),
    clear: () => void listeners.splice(0),
  };
}

export interface PortSender {
  id?: string;
  url?: string;
  origin?: string;
  frameId?: number;
  tab?: { id?: number; active?: boolean; windowId?: number };
}

/**
 * One end of a runtime Port. `postMessage` delivers to the other end's listeners at once (Chrome
 * delivers later; every module here is written for either). Disconnecting one end fires the other
 * end's onDisconnect, never its own, as in Chrome.
 */
export interface FakePort {
  name: string;
  sender?: PortSender;
  /** Everything this end posted, in order. */
  posted: unknown[];
  connected: boolean;
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: FakeEvent<[unknown, FakePort]>;
  onDisconnect: FakeEvent<[FakePort]>;
}

/** Two connected ends: `a` is the connecting side, `b` the side that onConnect hands over. */
export function portPair(name: string, sender?: PortSender): { a: FakePort; b: FakePort } {
  const end = (): FakePort => ({
    name,
    posted: [],
    connected: true,
    postMessage(message) {
      if (!this.connected) throw new Error('Attempting to use a disconnected port object');
      this.posted.push(message);
      // Each hop gets its own copy, as a structured clone would give.
      other(this).onMessage.fire(JSON.parse(JSON.stringify(message)) as unknown, other(this));
    },
    disconnect() {
      if (!this.connected) return;
      this.connected = false;
      const peer = other(this);
      if (peer.connected) {
        peer.connected = false;
        peer.onDisconnect.fire(peer);
      }
    },
    onMessage: fakeEvent(),
    onDisconnect: fakeEvent(),
  });
  const a = end();
  const b = end();
  if (sender) b.sender = sender;
  const other = (p: FakePort) => (p === a ? b : a);
  return { a, b };
}

type Items = Record<string, unknown>;

function storageArea() {
  const items = new Map<string, string>();
  const pick = (keys?: string | string[] | Items | null): Items => {
    const out: Items = {};
    const names =
      keys === undefined || keys === null
        ? [...items.keys()]
        : typeof keys === 'string'
          ? [keys]
          : Array.isArray(keys)
            ? keys
            : Object.keys(keys);
    for (const k of names) {
      const raw = items.get(k);
      if (raw !== undefined) out[k] = JSON.parse(raw) as unknown;
      else if (keys && typeof keys === 'object' && !Array.isArray(keys)) out[k] = (keys as Items)[k];
    }
    return out;
  };
  return {
    items,
    async get(keys?: string | string[] | Items | null) {
      return pick(keys);
    },
    async set(values: Items) {
      for (const [k, v] of Object.entries(values)) {
        if (v === undefined) items.delete(k);
        else items.set(k, JSON.stringify(v));
      }
    },
    async remove(keys: string | string[]) {
      for (const k of typeof keys === 'string' ? [keys] : keys) items.delete(k);
    },
    async clear() {
      items.clear();
    },
    /** What a value reads as now (for assertions), or undefined. */
    peek(key: string): unknown {
      const raw = items.get(key);
      return raw === undefined ? undefined : (JSON.parse(raw) as unknown);
    },
  };
}

export interface FakeWindow {
  id: number;
  type?: string;
  url?: string;
  left?: number;
  top?: number;
  width?: number;
  height?: number;
  focused?: boolean;
}

export type FakeBrowser = ReturnType<typeof createFakeBrowser>;

export function createFakeBrowser() {
  let nextWindowId = 100;
  const windows = new Map<number, FakeWindow>();
  /** Every call the worker made to an API whose effect a test may check, in order. */
  const calls: { api: string; args: unknown[] }[] = [];
  const record = (api: string, ...args: unknown[]) => void calls.push({ api, args });
  const badge = { text: '', color: '' };
  const alarms = new Map<string, { when?: number }>();

  const runtime = {
    id: EXTENSION_ID,
    getURL: (path: string) => `${EXTENSION_ORIGIN}/${path.replace(/^\//, '')}`,
    onConnect: fakeEvent<[FakePort]>(),
    onMessage: fakeEvent<[unknown, PortSender], unknown>(),
    onInstalled: fakeEvent<[unknown]>(),
    onStartup: fakeEvent<[]>(),
    /** The popup's `runtime.connect`: the worker's onConnect gets the other end, from `popupSender`. */
    connect(info: { name?: string } = {}): FakePort {
      const { a, b } = portPair(info.name ?? '', runtime.popupSender);
      runtime.onConnect.fire(b);
      return a;
    },
    /** The popup's `runtime.sendMessage`: the worker's first listener that answers, from `popupSender`. */
    async sendMessage(message: unknown): Promise<unknown> {
      const copy = JSON.parse(JSON.stringify(message)) as unknown;
      for (const answer of runtime.onMessage.fire(copy, runtime.popupSender)) {
        if (answer !== undefined) return JSON.parse(JSON.stringify(await answer)) as unknown;
      }
      throw new Error('Could not establish connection. Receiving end does not exist.');
    },
    /** Who the popup is, as the worker sees it: our own page. */
    popupSender: { id: EXTENSION_ID, url: `${EXTENSION_ORIGIN}/popup/popup.html` } as PortSender,
  };

  const browser = {
    runtime,
    storage: {
      session: storageArea(),
      local: storageArea(),
      onChanged: fakeEvent<[Record<string, unknown>, string]>(),
    },
    action: {
      async setBadgeText({ text }: { text: string }) {
        badge.text = text;
      },
      async setBadgeBackgroundColor({ color }: { color: string }) {
        badge.color = color;
      },
      async getBadgeText() {
        return badge.text;
      },
    },
    windows: {
      onRemoved: fakeEvent<[number]>(),
      async create(info: Omit<FakeWindow, 'id'>): Promise<FakeWindow> {
        record('windows.create', info);
        const w = { ...info, id: nextWindowId++ };
        windows.set(w.id, w);
        return w;
      },
      async get(id: number): Promise<FakeWindow> {
        const w = windows.get(id);
        if (!w) throw new Error(`No window with id: ${id}.`);
        return w;
      },
      async update(id: number, info: Partial<FakeWindow> & { drawAttention?: boolean }) {
        record('windows.update', id, info);
        const w = windows.get(id);
        if (!w) throw new Error(`No window with id: ${id}.`);
        Object.assign(w, info);
        return w;
      },
      async remove(id: number) {
        record('windows.remove', id);
        if (!windows.delete(id)) throw new Error(`No window with id: ${id}.`);
        browser.windows.onRemoved.fire(id);
      },
    },
    commands: { onCommand: fakeEvent<[string, unknown]>() },
    tabs: {
      async update(id: number, info: { active?: boolean }) {
        record('tabs.update', id, info);
        return { id, ...info };
      },
    },
    alarms: {
      onAlarm: fakeEvent<[{ name: string; scheduledTime: number }]>(),
      async create(name: string, info: { when?: number }) {
        alarms.set(name, info);
      },
      async clear(name: string) {
        return alarms.delete(name);
      },
      async get(name: string) {
        const a = alarms.get(name);
        return a ? { name, scheduledTime: a.when ?? 0 } : undefined;
      },
    },
  };

  /** The few calls made on `chrome` directly (what the polyfill does not wrap). */
  const i18n = fakeI18n();
  type FakeContext = { documentUrl: string; windowId: number; contextType?: 'TAB' | 'OFFSCREEN_DOCUMENT' };
  const chrome = {
    i18n,
    runtime: {
      id: EXTENSION_ID,
      /** Extension contexts now open (a tab when no type is given); a test adds what it pretends is there. */
      contexts: [] as FakeContext[],
      async getContexts(filter: { contextTypes?: string[] } = {}) {
        const types = filter.contextTypes;
        return chrome.runtime.contexts.filter((c) => !types || types.includes(c.contextType ?? 'TAB'));
      },
    },
    /**
     * Chrome's one offscreen document at a time; absent (undefined) unless a test installs it with
     * `withOffscreen()`, as the platform then takes the browser for one without the API.
     */
    offscreen: undefined as undefined | ReturnType<typeof fakeOffscreen>,
  };
  /** chrome.offscreen over `chrome.runtime.contexts`, refusing a second document as Chrome does. */
  function fakeOffscreen() {
    const offscreenUrl = () => chrome.runtime.contexts.find((c) => c.contextType === 'OFFSCREEN_DOCUMENT');
    return {
      created: [] as { url: string; reasons: string[] }[],
      async createDocument(options: { url: string; reasons: string[]; justification: string }) {
        // Chrome takes a moment; a second call meanwhile must still find the first.
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (offscreenUrl()) throw new Error('Only a single offscreen document may be created.');
        this.created.push({ url: options.url, reasons: options.reasons });
        chrome.runtime.contexts.push({
          documentUrl: `${EXTENSION_ORIGIN}/${options.url}`,
          windowId: -1,
          contextType: 'OFFSCREEN_DOCUMENT',
        });
      },
      async closeDocument() {
        const open = offscreenUrl();
        if (!open) throw new Error('No current offscreen document.');
        chrome.runtime.contexts.splice(chrome.runtime.contexts.indexOf(open), 1);
      },
    };
  }

  return {
    browser,
    chrome,
    calls,
    badge,
    alarms,
    windows,
    /** Gives this browser chrome.offscreen (Chrome 109+), with no document open. */
    withOffscreen() {
      chrome.offscreen = fakeOffscreen();
      return chrome.offscreen;
    },
    /** Opens a browser window that is not ours (the one a page asked from). */
    openWindow(w: Omit<FakeWindow, 'id'> & { id?: number }): number {
      const id = w.id ?? nextWindowId++;
      windows.set(id, { ...w, id });
      return id;
    },
    /** The user closes a window (the prompt window's close button). */
    closeWindow(id: number): void {
      windows.delete(id);
      browser.windows.onRemoved.fire(id);
    },
    /** Rings an alarm as Chrome would when its time comes. */
    ringAlarm(name: string): void {
      const a = alarms.get(name);
      alarms.delete(name);
      browser.alarms.onAlarm.fire({ name, scheduledTime: a?.when ?? Date.now() });
    },
    /**
     * Chrome stopped the worker: its listeners are gone with its globals; storage.session, the
     * windows and the alarms stay. Load the worker's modules afresh (vi.resetModules) to start it.
     */
    stopWorker(): void {
      runtime.onConnect.clear();
      runtime.onMessage.clear();
      browser.windows.onRemoved.clear();
      browser.alarms.onAlarm.clear();
      browser.storage.onChanged.clear();
      browser.commands.onCommand.clear();
    },
    /** A new browser profile: everything above forgotten, in place (modules keep their reference). */
    reset(): void {
      this.stopWorker();
      browser.storage.session.items.clear();
      browser.storage.local.items.clear();
      windows.clear();
      calls.splice(0);
      alarms.clear();
      Object.assign(badge, { text: '', color: '' });
      chrome.runtime.contexts = [];
      chrome.offscreen = undefined;
      runtime.popupSender = { id: EXTENSION_ID, url: `${EXTENSION_ORIGIN}/popup/popup.html` };
    },
  };
}

/** Kept on globalThis: a module reloaded by vi.resetModules must find the same fake. */
const INSTALLED = Symbol.for('tapkey.fakeBrowser');

/**
 * Puts a fake browser where webextension-polyfill and `chrome.*` calls find it, before any worker or
 * popup module loads (vitest gives each test file its own globals). Node caches the polyfill, which
 * keeps the first `browser` it saw even across vi.resetModules: so there is one fake per file, and
 * `reset()` gives a test a fresh one in place.
 */
export function installFakeBrowser(): FakeBrowser {
  const global = globalThis as { [INSTALLED]?: FakeBrowser };
  global[INSTALLED] ??= createFakeBrowser();
  const fake = global[INSTALLED];
  Object.assign(globalThis, { browser: fake.browser, chrome: fake.chrome });
  return fake;
}
