/** The sites where Tapkey steps aside for the browser's own passkeys, each with a way back. */

import { t } from '../../src/i18n/messages.ts';
import { send } from '../../src/messages/client.ts';
import { h } from '../dom.ts';

export function bypassSection(origins: readonly string[], changed: () => Promise<void>): HTMLElement {
  return h(
    'section',
    { 'aria-labelledby': 'bypass-title' },
    h('h2', { id: 'bypass-title' }, t('bypass_title')),
    origins.length === 0
      ? h('p', { className: 'hint' }, t('bypass_none'))
      : h('ul', { className: 'bypass' }, ...origins.map((origin) => bypassItem(origin, changed))),
  );
}

function bypassItem(origin: string, changed: () => Promise<void>): HTMLElement {
  return h(
    'li',
    {},
    h('span', {}, origin),
    h(
      'button',
      {
        type: 'button',
        className: 'secondary small',
        'aria-label': t('bypass_againOn', origin),
        onclick: async () => {
          await send('settings/bypass', { origin, bypass: false });
          await changed();
        },
      },
      t('bypass_again'),
    ),
  );
}
