/**
 * Moving to or from another app with the FIDO Credential Exchange Format. The export is not
 * encrypted (the other app reads it), and it leaves out passkeys whose counter is not zero, as CXF
 * requires: each one is named here with the reason, so the user knows what to move another way.
 */
import { send } from '../../src/messages/client.ts';
import type { CxfLeftOutView } from '../../src/messages/protocol.ts';
import { download, h, hint } from '../dom.ts';
import { plural } from '../format.ts';
import { passwordField } from '../password-field.ts';

const ABOUT_CXF =
  'For password managers and authenticators that read the FIDO Credential Exchange Format. Passkeys that have signed in already stay here: CXF carries only passkeys whose counter is zero.';

export function cxfSection(pinSet: boolean, done: () => Promise<void>): HTMLElement {
  const pin = pinSet ? passwordField('cxf-pin', 'Your PIN', 'current-password') : null;
  const file = h('input', { id: 'cxf-file', type: 'file', accept: '.json,application/json' });
  const status = h('p', { role: 'status', className: 'status', id: 'cxf-status' });
  const leftOut = h('ul', {
    className: 'left-out',
    id: 'cxf-left-out',
    'aria-label': 'Left out of the export',
  });
  const withPin = <T extends object>(r: T): T & { pin?: string } =>
    pin ? { ...r, pin: pin.input.value } : r;

  const exportCxf = async () => {
    status.textContent = 'Exporting…';
    leftOut.replaceChildren();
    const res = await send('backup/export-cxf', withPin({}));
    if (!res.ok) {
      status.textContent = res.error;
      return;
    }
    download(res.fileName, res.text, 'application/json');
    status.textContent = `Exported ${plural(res.passkeys, 'passkey')} and ${plural(res.accounts, 'code account')}. The file is not encrypted: import it, then delete it.`;
    leftOut.replaceChildren(...res.leftOut.map(leftOutItem));
  };
  const importCxf = async () => {
    const text = await file.files?.[0]?.text();
    if (text === undefined) {
      status.textContent = 'Choose the file first.';
      return;
    }
    status.textContent = 'Importing…';
    const res = await send('backup/import-cxf', withPin({ text }));
    if (!res.ok) {
      status.textContent = res.error;
      return;
    }
    await done();
    // The tab was drawn anew: show the result in the new section, opened.
    document.querySelector<HTMLDetailsElement>('details.cxf')?.setAttribute('open', '');
    const r = res.result;
    const summary = `Imported ${plural(r.passkeysAdded, 'passkey')} and ${plural(r.accountsAdded, 'code account')}; ${r.accountsSkipped} already here.`;
    document.getElementById('cxf-status')?.append([summary, ...res.issues].join('\n'));
  };
  return h(
    'details',
    { className: 'cxf' },
    h('summary', {}, 'Move to or from another app (Credential Exchange)'),
    hint(ABOUT_CXF),
    ...(pin?.nodes ?? []),
    h(
      'button',
      { type: 'button', className: 'secondary', id: 'cxf-export', onclick: exportCxf },
      'Export CXF file',
    ),
    leftOut,
    h('label', { for: 'cxf-file' }, 'CXF file to import'),
    file,
    h(
      'button',
      { type: 'button', className: 'secondary', id: 'cxf-import', onclick: importCxf },
      'Import CXF file',
    ),
    status,
  );
}

function leftOutItem(l: CxfLeftOutView): HTMLElement {
  return h('li', {}, h('strong', {}, l.label), ` — ${l.reason}`);
}
