/**
 * Moving to or from another app with the FIDO Credential Exchange Format. The export is not
 * encrypted (the other app reads it), and it leaves out passkeys whose counter is not zero, as CXF
 * requires: each one is named here with the reason, so the user knows what to move another way.
 */

import { t, tn } from '../../src/i18n/messages.ts';
import { send } from '../../src/messages/client.ts';
import type { CxfLeftOutView } from '../../src/messages/protocol.ts';
import { download, h, hint } from '../dom.ts';
import { passwordField } from '../password-field.ts';

const ABOUT_CXF = t('cxf_help');

export function cxfSection(pinSet: boolean, done: () => Promise<void>): HTMLElement {
  const pin = pinSet ? passwordField('cxf-pin', t('settings_yourPin'), 'current-password') : null;
  const file = h('input', { id: 'cxf-file', type: 'file', accept: '.json,application/json' });
  const status = h('p', { role: 'status', className: 'status', id: 'cxf-status' });
  const leftOut = h('ul', {
    className: 'left-out',
    id: 'cxf-left-out',
    'aria-label': t('cxf_leftOut'),
  });
  const withPin = <T extends object>(r: T): T & { pin?: string } =>
    pin ? { ...r, pin: pin.input.value } : r;

  const exportCxf = async () => {
    status.textContent = t('cxf_exporting');
    leftOut.replaceChildren();
    const res = await send('backup/export-cxf', withPin({}));
    if (!res.ok) {
      status.textContent = res.error;
      return;
    }
    download(res.fileName, res.text, 'application/json');
    status.textContent = t(
      'cxf_exported',
      tn('count_passkeys', res.passkeys),
      tn('count_codeAccounts', res.accounts),
    );
    leftOut.replaceChildren(...res.leftOut.map(leftOutItem));
  };
  const importCxf = async () => {
    const text = await file.files?.[0]?.text();
    if (text === undefined) {
      status.textContent = t('cxf_chooseFile');
      return;
    }
    status.textContent = t('cxf_importing');
    const res = await send('backup/import-cxf', withPin({ text }));
    if (!res.ok) {
      status.textContent = res.error;
      return;
    }
    await done();
    // The tab was drawn anew: show the result in the new section, opened.
    document.querySelector<HTMLDetailsElement>('details.cxf')?.setAttribute('open', '');
    const r = res.result;
    const summary = t(
      'cxf_imported',
      tn('count_passkeys', r.passkeysAdded),
      tn('count_codeAccounts', r.accountsAdded),
      r.accountsSkipped,
    );
    document.getElementById('cxf-status')?.append([summary, ...res.issues].join('\n'));
  };
  return h(
    'details',
    { className: 'cxf' },
    h('summary', {}, t('cxf_summary')),
    hint(ABOUT_CXF),
    ...(pin?.nodes ?? []),
    h(
      'button',
      { type: 'button', className: 'secondary', id: 'cxf-export', onclick: exportCxf },
      t('cxf_export'),
    ),
    leftOut,
    h('label', { for: 'cxf-file' }, t('cxf_fileLabel')),
    file,
    h(
      'button',
      { type: 'button', className: 'secondary', id: 'cxf-import', onclick: importCxf },
      t('cxf_import'),
    ),
    status,
  );
}

function leftOutItem(l: CxfLeftOutView): HTMLElement {
  return h('li', {}, h('strong', {}, l.label), ` — ${l.reason}`);
}
