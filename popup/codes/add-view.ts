/**
 * The "Add account" panel: scan the tab's QR codes, read an image (picker, drag and drop, paste),
 * paste otpauth:// text, or type a setup key.
 */

import { send } from '../../src/messages/client.ts';
import { decodeBase32 } from '../../src/totp/base32.ts';
import { makeAccount } from '../../src/totp/make-account.ts';
import type { ImportIssue, OtpAccount, OtpKind } from '../../src/totp/types.ts';
import { importUriList } from '../../src/totp/uri-list.ts';
import { h } from '../dom.ts';
import { addAccounts, summary } from './add-accounts.ts';
import { errorText, label } from './format.ts';

export interface AddHost {
  tabId?: number;
  /** Reports on the Codes tab's status line. */
  status(text: string, kind?: 'ok' | 'error'): void;
  /** Accounts were added: reload the list, close the panel. */
  added(message: string): Promise<void>;
}

const OTP_TEXT = /^\s*(otpauth|otpauth-migration|steam):/i;

export function renderAddPanel(panel: HTMLElement, host: AddHost): void {
  const work = h('div', { className: 'add-work' });
  const error = h('p', { className: 'error', role: 'alert', id: 'add-error' });
  const fail = (text: string) => {
    error.textContent = text;
  };

  /** Adds the accounts found in QR codes or pasted text, asking when there is a choice to make. */
  const fromTexts = async (texts: string[], nothing: string) => {
    fail('');
    const useful = texts.filter((t) => OTP_TEXT.test(t));
    if (useful.length === 0) {
      const n = texts.length;
      return fail(
        n === 0
          ? nothing
          : `Found ${n} QR code${n === 1 ? '' : 's'}, but none is an authenticator code (otpauth://).`,
      );
    }
    const { accounts, issues } = importUriList(useful.join('\n'));
    if (accounts.length === 0) return fail(issues.map((i) => i.message).join('; ') || nothing);
    // Several separate otpauth:// codes on one page: let the user pick. A Google export is one set.
    const separate = useful.every((t) => !/^\s*otpauth-migration:/i.test(t));
    const chosen = separate && accounts.length > 1 ? await choose(accounts) : accounts;
    if (chosen.length > 0) await save(chosen, issues);
  };

  const save = async (accounts: OtpAccount[], issues: ImportIssue[] = []) => {
    try {
      const outcome = await addAccounts(accounts, work);
      await host.added(summary(outcome, issues));
    } catch (e) {
      fail(errorText(e));
    }
  };

  const choose = (accounts: OtpAccount[]) =>
    new Promise<OtpAccount[]>((resolve) => {
      const boxes = accounts.map((_account, i) =>
        h('input', { type: 'checkbox', id: `pick-${i}`, checked: true }),
      );
      work.replaceChildren(
        h(
          'fieldset',
          { className: 'pick' },
          h('legend', {}, `${accounts.length} accounts found: choose which to add`),
          ...accounts.map((account, i) =>
            h('label', { for: `pick-${i}`, className: 'account' }, boxes[i]!, label(account)),
          ),
          h(
            'div',
            { className: 'actions' },
            h('button', { type: 'button', onclick: () => resolve([]) }, 'Cancel'),
            h(
              'button',
              {
                type: 'button',
                className: 'primary',
                id: 'pick-add',
                onclick: () => resolve(accounts.filter((_, i) => boxes[i]!.checked)),
              },
              'Add selected',
            ),
          ),
        ),
      );
      boxes[0]?.focus();
    });

  const scan = async (button: HTMLButtonElement) => {
    button.disabled = true;
    fail('');
    work.replaceChildren(h('p', { className: 'hint', role: 'status' }, 'Looking for QR codes on the page…'));
    try {
      const payload: { tabId?: number } = {};
      if (host.tabId !== undefined) payload.tabId = host.tabId;
      const result = await send('otp/scan-tab', payload);
      work.replaceChildren();
      if (!result.ok) return fail(result.error);
      await fromTexts(
        result.texts,
        'No QR code found on this page. Scroll it into view, or add the account another way.',
      );
    } finally {
      button.disabled = false;
    }
  };

  const fromImage = async (blob: Blob) => {
    fail('');
    try {
      // The QR decoder loads only when an image is actually scanned.
      const { findQrCodes, pixelsOf } = await import('../../src/background/otp-qr.ts');
      await fromTexts(findQrCodes(await pixelsOf(blob)), 'No QR code found in this image.');
    } catch (e) {
      fail(`Could not read this image: ${errorText(e)}`);
    }
  };

  const file = h('input', { type: 'file', id: 'qr-file', accept: 'image/*', className: 'sr' });
  file.addEventListener('change', () => {
    const chosen = file.files?.[0];
    if (chosen) void fromImage(chosen);
    file.value = '';
  });

  const scanButton = h('button', { type: 'button', id: 'scan-qr', className: 'primary' }, 'Scan QR code');
  scanButton.addEventListener('click', () => void scan(scanButton));

  const pasteArea = h('textarea', {
    id: 'otp-paste',
    rows: 3,
    placeholder: 'otpauth://totp/Example:alice?secret=…',
    spellcheck: false,
  });
  const pasteForm = h(
    'form',
    {
      className: 'add-paste',
      onsubmit: (event: SubmitEvent) => {
        event.preventDefault();
        void fromTexts(
          pasteArea.value.split(/\r\n|\r|\n/).filter((l) => l.trim() !== ''),
          'Paste one otpauth:// link per line.',
        ).then(() => {
          if (error.textContent === '') pasteArea.value = '';
        });
      },
    },
    h('label', { for: 'otp-paste' }, 'otpauth:// links (one per line)'),
    pasteArea,
    h('button', { type: 'submit', id: 'paste-add' }, 'Add from text'),
  );

  panel.replaceChildren(
    h('h2', { id: 'add-title' }, 'Add an account'),
    h(
      'div',
      { className: 'add-ways' },
      scanButton,
      h('button', { type: 'button', id: 'pick-image', onclick: () => file.click() }, 'From image…'),
      file,
    ),
    h('p', { className: 'hint drop-hint' }, 'You can also drop or paste a QR code image here.'),
    error,
    work,
    h('details', { className: 'add-more' }, h('summary', {}, 'Paste otpauth:// text'), pasteForm),
    h(
      'details',
      { className: 'add-more', id: 'manual-details' },
      h('summary', {}, 'Enter a setup key'),
      manualForm(save, fail),
    ),
  );

  panel.addEventListener('dragover', (event) => {
    event.preventDefault();
    panel.classList.add('dropping');
  });
  panel.addEventListener('dragleave', () => panel.classList.remove('dropping'));
  panel.addEventListener('drop', (event) => {
    event.preventDefault();
    panel.classList.remove('dropping');
    const dropped = [...(event.dataTransfer?.files ?? [])].find((f) => f.type.startsWith('image/'));
    if (dropped) void fromImage(dropped);
    else fail('Drop an image file (PNG, JPEG…) with a QR code.');
  });
  // Pasting an image anywhere in the panel reads its QR code; text pastes go to the text field as usual.
  panel.addEventListener('paste', (event) => {
    const image = [...(event.clipboardData?.files ?? [])].find((f) => f.type.startsWith('image/'));
    if (!image) return;
    event.preventDefault();
    void fromImage(image);
  });
}

function manualForm(
  save: (accounts: OtpAccount[]) => Promise<void>,
  fail: (text: string) => void,
): HTMLFormElement {
  const input = (id: string, props: Record<string, unknown> = {}) =>
    h('input', { type: 'text', id, ...props });
  const issuer = input('manual-issuer', { placeholder: 'Example, Inc' });
  const account = input('manual-account', { placeholder: 'alice@example.com', autocomplete: 'off' });
  const secret = input('manual-secret', {
    autocomplete: 'off',
    spellcheck: false,
    placeholder: 'JBSW Y3DP EHPK 3PXP',
  });
  const select = (id: string, options: [string, string][]) =>
    h('select', { id }, ...options.map(([value, text]) => h('option', { value }, text)));
  const kind = select('manual-kind', [
    ['totp', 'Time-based (TOTP)'],
    ['hotp', 'Counter-based (HOTP)'],
    ['steam', 'Steam Guard'],
  ]);
  const algorithm = select('manual-algorithm', [
    ['SHA1', 'SHA-1'],
    ['SHA256', 'SHA-256'],
    ['SHA512', 'SHA-512'],
  ]);
  const digits = select('manual-digits', [
    ['6', '6'],
    ['7', '7'],
    ['8', '8'],
  ]);
  const period = h('input', { type: 'number', id: 'manual-period', value: '30', min: '1' });
  const counter = h('input', { type: 'number', id: 'manual-counter', value: '0', min: '0' });
  const field = (el: HTMLElement, text: string) => [h('label', { for: el.id }, text), el];
  return h(
    'form',
    {
      className: 'manual',
      'aria-label': 'Enter a setup key',
      onsubmit: async (event: SubmitEvent) => {
        event.preventDefault();
        fail('');
        if (issuer.value.trim() === '' && account.value.trim() === '') {
          fail('Enter the issuer or the account name, so you can tell this account apart.');
          return issuer.focus();
        }
        let made: OtpAccount;
        try {
          made = makeAccount({
            kind: kind.value as OtpKind,
            issuer: issuer.value,
            accountName: account.value,
            secret: decodeBase32(secret.value, 'setup key'),
            algorithm: algorithm.value,
            digits: Number(digits.value),
            period: Number(period.value),
            counter: Number(counter.value),
          });
        } catch (e) {
          return fail(errorText(e));
        }
        await save([made]);
      },
    },
    ...field(issuer, 'Issuer (site or company)'),
    ...field(account, 'Account name'),
    ...field(secret, 'Setup key (secret)'),
    h(
      'details',
      {},
      h('summary', {}, 'Advanced'),
      ...field(kind, 'Type'),
      ...field(algorithm, 'Algorithm'),
      ...field(digits, 'Digits'),
      ...field(period, 'Period (seconds)'),
      ...field(counter, 'Counter (HOTP)'),
    ),
    h('button', { type: 'submit', id: 'manual-add', className: 'primary' }, 'Add account'),
  );
}
