/**
 * "Enter a setup key": issuer, account and secret, with type, algorithm, digits, period and counter
 * folded away. A missing name is said under the issuer, a bad key under the key, anything else (and
 * the choice about a duplicate) under the form's button.
 */
import { decodeBase32 } from '../../../src/totp/base32.ts';
import { makeAccount } from '../../../src/totp/make-account.ts';
import type { OtpAccount, OtpKind } from '../../../src/totp/types.ts';
import { h } from '../../dom.ts';
import { type FieldError, fieldError } from '../../field-error.ts';
import { errorText } from '../../format.ts';
import type { Adder, AddOutput } from './adder.ts';

type ManualFields = ReturnType<typeof manualFields>;

interface ManualErrors {
  issuer: FieldError;
  secret: FieldError;
  /** The rest: the advanced settings, or the vault's answer. */
  form: AddOutput;
}

export function manualForm(adder: Adder): HTMLFormElement {
  const fields = manualFields();
  const formError = h('p', { className: 'error field-error', role: 'alert', id: 'manual-error' });
  const errors: ManualErrors = {
    issuer: fieldError(fields.issuer),
    secret: fieldError(fields.secret),
    form: {
      work: h('div', { className: 'add-work' }),
      fail: (text) => {
        formError.textContent = text;
      },
      failed: () => formError.textContent !== '',
    },
  };
  const field = (el: HTMLElement, text: string, error?: FieldError) => [
    h('label', { for: el.id }, text),
    el,
    error?.element,
  ];
  return h(
    'form',
    {
      className: 'manual',
      'aria-label': 'Enter a setup key',
      onsubmit: async (event: SubmitEvent) => {
        event.preventDefault();
        await submitManual(fields, errors, adder);
      },
    },
    ...field(fields.issuer, 'Issuer (site or company)', errors.issuer),
    ...field(fields.account, 'Account name'),
    ...field(fields.secret, 'Setup key (secret)', errors.secret),
    h(
      'details',
      {},
      h('summary', {}, 'Advanced'),
      ...field(fields.kind, 'Type'),
      ...field(fields.algorithm, 'Algorithm'),
      ...field(fields.digits, 'Digits'),
      ...field(fields.period, 'Period (seconds)'),
      ...field(fields.counter, 'Counter (HOTP)'),
    ),
    formError,
    h('button', { type: 'submit', id: 'manual-add', className: 'primary' }, 'Add account'),
    errors.form.work,
  );
}

function manualFields() {
  const input = (id: string, props: Record<string, unknown> = {}) =>
    h('input', { type: 'text', id, ...props });
  const select = (id: string, options: [string, string][]) =>
    h('select', { id }, ...options.map(([value, text]) => h('option', { value }, text)));
  return {
    issuer: input('manual-issuer', { placeholder: 'Example, Inc' }),
    account: input('manual-account', { placeholder: 'alice@example.com', autocomplete: 'off' }),
    secret: input('manual-secret', {
      autocomplete: 'off',
      spellcheck: false,
      placeholder: 'JBSW Y3DP EHPK 3PXP',
    }),
    kind: select('manual-kind', [
      ['totp', 'Time-based (TOTP)'],
      ['hotp', 'Counter-based (HOTP)'],
      ['steam', 'Steam Guard'],
    ]),
    algorithm: select('manual-algorithm', [
      ['SHA1', 'SHA-1'],
      ['SHA256', 'SHA-256'],
      ['SHA512', 'SHA-512'],
    ]),
    digits: select('manual-digits', [
      ['6', '6'],
      ['7', '7'],
      ['8', '8'],
    ]),
    period: h('input', { type: 'number', id: 'manual-period', value: '30', min: '1' }),
    counter: h('input', { type: 'number', id: 'manual-counter', value: '0', min: '0' }),
  };
}

async function submitManual(fields: ManualFields, errors: ManualErrors, adder: Adder): Promise<void> {
  errors.issuer.show('');
  errors.secret.show('');
  errors.form.fail('');
  if (fields.issuer.value.trim() === '' && fields.account.value.trim() === '') {
    errors.issuer.show('Enter the issuer or the account name, so you can tell this account apart.');
    return fields.issuer.focus();
  }
  let secret: Uint8Array;
  try {
    secret = decodeBase32(fields.secret.value, 'setup key');
  } catch (e) {
    errors.secret.show(errorText(e));
    return fields.secret.focus();
  }
  let made: OtpAccount;
  try {
    made = makeAccount({
      kind: fields.kind.value as OtpKind,
      issuer: fields.issuer.value,
      accountName: fields.account.value,
      secret,
      algorithm: fields.algorithm.value,
      digits: Number(fields.digits.value),
      period: Number(fields.period.value),
      counter: Number(fields.counter.value),
    });
  } catch (e) {
    return errors.form.fail(errorText(e));
  }
  await adder.save([made], [], undefined, errors.form);
}
