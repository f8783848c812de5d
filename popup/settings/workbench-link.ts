/** Settings → the developer workbench, in a tab of its own or beside the page (side panel, sidebar). */
import browser from 'webextension-polyfill';
import { t } from '../../src/i18n/messages.ts';
import { platform } from '../../src/platform/index.ts';
import { h, hint } from '../dom.ts';

export function workbenchLink(): HTMLElement {
  const status = h('p', { className: 'status', role: 'status', id: 'workbench-status' });
  // Known before the click: the side panel must open in the click itself (the user's gesture).
  let windowId: number | undefined;
  void browser.windows.getCurrent().then((w) => {
    windowId = w.id;
  });
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
    h(
      'button',
      {
        type: 'button',
        id: 'open-workbench-beside',
        className: 'link',
        onclick: () => {
          status.textContent = '';
          platform.openWorkbenchBeside(windowId).then(
            () => window.close(),
            () => {
              status.textContent = t('workbench_besideFailed');
            },
          );
        },
      },
      t('workbench_openBeside'),
    ),
    status,
  );
}
