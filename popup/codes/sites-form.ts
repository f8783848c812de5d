/**
 * The sites an account fills into without being chosen (the Alt+Shift+F shortcut), one per line.
 * Scanning a QR code from a tab adds that tab's site; here the user adds or removes them.
 */

import { t } from '../../src/i18n/messages.ts';
import { send } from '../../src/messages/client.ts';
import type { OtpAccountView } from '../../src/messages/views.ts';
import { h } from '../dom.ts';
import { label } from '../format.ts';
import type { MenuPart, RowMenuHost } from './row-menu-types.ts';

export function sitesForm(view: OtpAccountView, host: RowMenuHost, close: () => void): MenuPart {
  const id = `sites-${view.id}`;
  const sites = h('textarea', { id, rows: 3, spellcheck: false, value: view.sites.join('\n') });
  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    const typed = sites.value.split(/[\s,]+/).filter(Boolean);
    const result = await send('otp/set-sites', { id: view.id, sites: typed });
    if (!result.ok) return host.status(result.error, 'error');
    host.status(
      result.sites.length
        ? t('sites_fills', label(view), result.sites.join(', '))
        : t('sites_fillsNone', label(view)),
      'ok',
    );
    await host.reload(`li[data-id="${view.id}"] .otp-more-button`);
  };
  const element = h(
    'form',
    { className: 'otp-edit', 'aria-label': t('menu_sitesFor', label(view)), onsubmit: save },
    h('label', { for: id }, t('sites_label')),
    h('p', { className: 'hint', id: `${id}-hint` }, t('sites_hint')),
    sites,
    h(
      'div',
      { className: 'actions' },
      h('button', { type: 'button', onclick: close }, t('common_cancel')),
      h('button', { type: 'submit', className: 'primary' }, t('common_save')),
    ),
  );
  sites.setAttribute('aria-describedby', `${id}-hint`);
  return { element, focus: sites };
}
