/**
 * The sites an account fills into without being chosen (the Alt+Shift+F shortcut), one per line.
 * Scanning a QR code from a tab adds that tab's site; here the user adds or removes them.
 */
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
        ? `${label(view)} fills into ${result.sites.join(', ')}.`
        : `${label(view)} fills into no site by itself.`,
      'ok',
    );
    await host.reload(`li[data-id="${view.id}"] .otp-more-button`);
  };
  const element = h(
    'form',
    { className: 'otp-edit', 'aria-label': `Sites for ${label(view)}`, onsubmit: save },
    h('label', { for: id }, 'Sites it fills into (one per line)'),
    h(
      'p',
      { className: 'hint', id: `${id}-hint` },
      'The fill shortcut gives this code only to these sites and their subdomains, never to a look-alike.',
    ),
    sites,
    h(
      'div',
      { className: 'actions' },
      h('button', { type: 'button', onclick: close }, 'Cancel'),
      h('button', { type: 'submit', className: 'primary' }, 'Save'),
    ),
  );
  sites.setAttribute('aria-describedby', `${id}-hint`);
  return { element, focus: sites };
}
