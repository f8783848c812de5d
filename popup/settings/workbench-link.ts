/** Settings → the developer workbench, in a tab of its own. */
import browser from 'webextension-polyfill';
import { t } from '../../src/i18n/messages.ts';
import { h, hint } from '../dom.ts';

export function workbenchLink(): HTMLElement {
  return h(
    'section',
    { 'aria-labelledby': 'workbench-heading' },
    h('h2', { id: 'workbench-heading' }, t('workbench_heading')),
    hint(t('workbench_about')),
    h(
      'button',
      {
        type: 'button',
        id: 'open-workbench',
        className: 'link',
        onclick: () => void browser.tabs.create({ url: browser.runtime.getURL('workbench/workbench.html') }),
      },
      t('workbench_open'),
    ),
  );
}
