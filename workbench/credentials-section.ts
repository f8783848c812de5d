/**
 * Passkeys as test fixtures: export (per RP or all) in Playwright's `context.credentials` shape or
 * CDP's WebAuthn.Credential shape, the PIN first when one is set; import either shape.
 */
import { download, h, hint } from '../popup/dom.ts';
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
  const output = h('textarea', { id: 'export-output', readOnly: true, 'aria-label': 'Exported credentials' });
  const input = h('textarea', { id: 'import-input', 'aria-label': 'Credentials to import (JSON)' });

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
    say(
      `${answer.count} passkey${answer.count === 1 ? '' : 's'} exported. The file holds private keys: delete it after use.`,
    );
    download(answer.fileName, answer.text, 'application/json');
  }

  async function importNow(): Promise<void> {
    const request: { text: string; pin?: string } = { text: input.value };
    const p = pinValue();
    if (p) request.pin = p;
    const answer = await send('workbench/import-credentials', request);
    if (!answer.ok) return say(answer.error, true);
    input.value = '';
    say(`${answer.added} passkey${answer.added === 1 ? '' : 's'} added, ${answer.updated} already here.`);
  }

  return h(
    'section',
    { 'aria-labelledby': 'credentials-heading' },
    h('h2', { id: 'credentials-heading' }, 'Credentials as test fixtures'),
    hint('Private keys leave Tapkey only here, after your PIN when one is set.'),
    h(
      'div',
      { className: 'row' },
      h('label', { for: 'export-shape' }, 'Shape'),
      shape,
      h('label', { for: 'export-rp' }, 'RP ID'),
      rpId,
      h('label', { for: 'credentials-pin' }, 'PIN'),
      pin,
    ),
    h(
      'div',
      { className: 'row' },
      h('button', { type: 'button', id: 'export-button', onclick: () => void exportNow() }, 'Export'),
    ),
    output,
    h('h3', {}, 'Import'),
    input,
    h(
      'div',
      { className: 'row' },
      h('button', { type: 'button', id: 'import-button', onclick: () => void importNow() }, 'Import'),
    ),
    status,
  );
}
