/**
 * "Enter a setup key": issuer, account and secret, with type, algorithm, digits, period and counter
 * folded away. A missing name is said under the issuer, a bad key under the key, anything else (and
 * the choice about a duplicate) under the form's button.
 */

import { t } from '../../../src/i18n/messages.ts';
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
      'aria-label': t('add_setupKeySummary'),
      onsubmit: async (event: SubmitEvent) => {
        event.preventDefault();
        await submitManual(fields, errors, adder);
      },
    },
    ...field(fields.issuer, t('manual_issuer'), errors.issuer),
    ...field(fields.account, t('manual_account')),
    ...field(fields.secret, t('manual_secret'), errors.secret),
    h(
      'details',
      {},
      h('summary', {}, t('manual_advanced')),
      ...field(fields.kind, t('manual_type')),
      ...field(fields.algorithm, t('manual_algorithm')),
      ...field(fields.digits, t('manual_digits')),
      ...field(fields.period, t('manual_period')),
      ...field(fields.counter, t('manual_counter')),
    ),
    formError,
    h('button', { type: 'submit', id: 'manual-add', className: 'primary' }, t('manual_add')),
    errors.form.work,
  );
}

function manualFields() {
  const input = (id: string, props: Record<string, unknown> = {}) =>
    h('input', { type: 'text', id, ...props });
  const select = (id: string, options: [string, string][]) =>
    h('select', { id }, ...options.map(([value, text]) => h('option', { value }, text)));
  return {
    issuer: input('manual-issuer', { placeholder: t('manual_issuerPlaceholder') }),
    account: input('manual-account', { placeholder: 'alice@example.com', autocomplete: 'off' }),
    secret: input('manual-secret', {
      autocomplete: 'off',
      spellcheck: false,
      placeholder: 'JBSW Y3DP EHPK 3PXP',
    }),
    kind: select('manual-kind', [
      ['totp', t('manual_totp')],
      ['hotp', t('manual_hotp')],
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
    errors.issuer.show(t('manual_needName'));
    return fields.issuer.focus();
  }
  let secret: Uint8Array;
  try {
    secret = decodeBase32(fields.secret.value, t('manual_setupKeyField'));
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
