/**
 * Passkeys as test fixtures: export (per RP or all) in Playwright's `context.credentials` shape or
 * CDP's WebAuthn.Credential shape, the PIN first when one is set; import either shape.
 */
import { download, h, hint } from '../popup/dom.ts';
import { t, tn } from '../src/i18n/messages.ts';
import { send } from '../src/messages/client.ts';

export function credentialsSection(): HTMLElement {
  const status = h('p', { className: 'status', role: 'status', id: 'credentials-status' });
  const shape = h(
    'select',
    { id: 'export-shape' },
    h('option', { value: 'playwright' }, 'Playwright context.credentials'),
    h('option', { value: 'cdp' }, 'CDP WebAuthn.Credential'),
  );
  const rpId = h('input', { type: 'text', id: 'export-rp', placeholder: 'all', autocomplete: 'off' });
  const pin = h('input', { type: 'password', id: 'credentials-pin', autocomplete: 'off' });
  const output = h('textarea', {
    id: 'export-output',
    readOnly: true,
    'aria-label': t('wb_exportedCredentials'),
  });
  const input = h('textarea', { id: 'import-input', 'aria-label': t('wb_credentialsToImport') });

  const say = (text: string, error = false) => {
    status.textContent = text;
    status.classList.toggle('error', error);
  };
  const pinValue = () => (pin.value ? pin.value : undefined);

  async function exportNow(): Promise<void> {
    const request: { shape: 'playwright' | 'cdp'; rpId?: string; pin?: string } = {
      shape: shape.value === 'cdp' ? 'cdp' : 'playwright',
    };
    if (rpId.value.trim()) request.rpId = rpId.value.trim();
    const p = pinValue();
    if (p) request.pin = p;
    const answer = await send('workbench/export-credentials', request);
    if (!answer.ok) return say(answer.error, true);
    output.value = answer.text;
    say(t('wb_exported', tn('count_passkeys', answer.count)));
    download(answer.fileName, answer.text, 'application/json');
  }

  async function importNow(): Promise<void> {
    const request: { text: string; pin?: string } = { text: input.value };
    const p = pinValue();
    if (p) request.pin = p;
    const answer = await send('workbench/import-credentials', request);
    if (!answer.ok) return say(answer.error, true);
    input.value = '';
    say(t('wb_imported', tn('count_passkeys', answer.added), answer.updated));
  }

  return h(
    'section',
    { 'aria-labelledby': 'credentials-heading' },
    h('h2', { id: 'credentials-heading' }, t('wb_credentialsHeading')),
    hint(t('wb_credentialsHint')),
    h(
      'div',
      { className: 'row' },
      h('label', { for: 'export-shape' }, t('wb_shape')),
      shape,
      h('label', { for: 'export-rp' }, t('wb_rpId')),
      rpId,
      h('label', { for: 'credentials-pin' }, t('pin_label')),
      pin,
    ),
    h(
      'div',
      { className: 'row' },
      h(
        'button',
        { type: 'button', id: 'export-button', onclick: () => void exportNow() },
        t('backup_export'),
      ),
    ),
    output,
    h('h3', {}, t('backup_import')),
    input,
    h(
      'div',
      { className: 'row' },
      h(
        'button',
        { type: 'button', id: 'import-button', onclick: () => void importNow() },
        t('backup_import'),
      ),
    ),
    status,
  );
}
