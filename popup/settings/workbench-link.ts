/** Settings → the developer workbench, in a tab of its own. */
import browser from 'webextension-polyfill';
import { h, hint } from '../dom.ts';

export function workbenchLink(): HTMLElement {
  return h(
    'section',
    { 'aria-labelledby': 'workbench-heading' },
    h('h2', { id: 'workbench-heading' }, 'Developer workbench'),
    hint(
      'For testing your own site: a log of every ceremony, automatic presence, and passkeys as Playwright or DevTools fixtures.',
    ),
    h(
      'button',
      {
        type: 'button',
        id: 'open-workbench',
        className: 'link',
        onclick: () => void browser.tabs.create({ url: browser.runtime.getURL('workbench/workbench.html') }),
      },
      'Open the developer workbench',
    ),
  );
}
