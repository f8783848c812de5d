/** The home screen when no request waits: the brand, the tabs, and the chosen tab's view. */
import browser from 'webextension-polyfill';
import { t } from '../src/i18n/messages.ts';
import { prefetchCodesData } from './codes/codes-data.ts';
import { h } from './dom.ts';
import { renderPasskeys } from './passkeys/passkeys-view.ts';
import { renderSettings } from './settings/settings-view.ts';
import { tabBar } from './tab-bar.ts';

type Tab = 'codes' | 'passkeys' | 'settings';
const TABS: readonly (readonly [Tab, string])[] = [
  ['codes', t('home_tabCodes')],
  ['passkeys', t('home_tabPasskeys')],
  ['settings', t('home_tabSettings')],
];
const TITLES: Record<Tab, string> = {
  codes: t('home_titleCodes'),
  passkeys: t('home_tabPasskeys'),
  settings: t('home_tabSettings'),
};
/** Kept across renders: a refresh from the worker stays on the tab the user chose. */
let tab: Tab = 'codes';

type View = (root: HTMLElement, signal: AbortSignal, select: (tab: Tab) => void) => Promise<void>;
const VIEWS: Record<Tab, View> = {
  // Loaded on demand: the prompt view must not wait for the codes UI and its QR decoder.
  codes: async (root, signal) => (await loadCodes()).renderCodes(root, signal),
  passkeys: (root, signal, select) => renderPasskeys(root, () => select('settings'), signal),
  settings: renderSettings,
};

/** Renders the home screen into `app`; the tab's view is torn down on a tab switch or when `signal` aborts. */
export function renderHome(app: HTMLElement, signal: AbortSignal): void {
  let tabView: AbortController | undefined;
  signal.addEventListener('abort', () => tabView?.abort(), { once: true });
  const show = () => {
    tabView?.abort();
    tabView = new AbortController();
    // The tab's own level-one heading (for screen readers; the selected tab shows it to the eye),
    // then the view, which owns everything below it.
    const view = h('div', { className: 'view' });
    const panel = h(
      'div',
      { id: 'panel', role: 'tabpanel', 'aria-labelledby': `tab-${tab}` },
      h('h1', { className: 'sr' }, TITLES[tab]),
      view,
    );
    const select = (next: Tab) => {
      tab = next;
      show();
    };
    app.replaceChildren(brand(), tabBar(TABS, tab, select), panel);
    void VIEWS[tab](view, tabView.signal, select);
  };
  show();
}

function brand(): HTMLElement {
  return h(
    'header',
    { className: 'brand' },
    // The name is beside it: the logo says nothing more (alt=""). An image, not an emoji, which shows
    // as an empty box where no emoji font is installed.
    h('img', { className: 'logo', src: '/icons/logo.svg', alt: '', width: 20, height: 20 }),
    'Tapkey',
  );
}

/** The codes UI, fetched while the worker is asked for a prompt (it is the default tab). */
let codesModule: Promise<typeof import('./codes/codes-view.ts')> | undefined;
function loadCodes(): Promise<typeof import('./codes/codes-view.ts')> {
  codesModule ??= import('./codes/codes-view.ts');
  return codesModule;
}

/**
 * At startup: no badge means no prompt is waiting, so fetch the codes UI alongside the prompt check.
 * With a prompt waiting, nothing competes with showing it.
 */
export function prefetchHome(): void {
  if (tab !== 'codes') return;
  void browser.action.getBadgeText({}).then((text) => {
    if (text) return;
    void loadCodes();
    prefetchCodesData();
  });
}
