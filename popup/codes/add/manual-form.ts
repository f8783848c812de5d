/** "Enter a setup key": issuer, account and secret, with type, algorithm, digits, period and counter folded away. */
import { decodeBase32 } from '../../../src/totp/base32.ts';
import { makeAccount } from '../../../src/totp/make-account.ts';
import type { OtpAccount, OtpKind } from '../../../src/totp/types.ts';
import { h } from '../../dom.ts';
import { errorText } from '../../format.ts';
import type { Adder } from './adder.ts';

type ManualFields = ReturnType<typeof manualFields>;

export function manualForm(adder: Adder): HTMLFormElement {
  const fields = manualFields();
  const field = (el: HTMLElement, text: string) => [h('label', { for: el.id }, text), el];
  return h(
    'form',
    {
      className: 'manual',
      'aria-label': 'Enter a setup key',
      onsubmit: async (event: SubmitEvent) => {
        event.preventDefault();
        await submitManual(fields, adder);
      },
    },
    ...field(fields.issuer, 'Issuer (site or company)'),
    ...field(fields.account, 'Account name'),
    ...field(fields.secret, 'Setup key (secret)'),
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
    h('button', { type: 'submit', id: 'manual-add', className: 'primary' }, 'Add account'),
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

async function submitManual(fields: ManualFields, adder: Adder): Promise<void> {
  adder.fail('');
  if (fields.issuer.value.trim() === '' && fields.account.value.trim() === '') {
    adder.fail('Enter the issuer or the account name, so you can tell this account apart.');
    return fields.issuer.focus();
  }
  let made: OtpAccount;
  try {
    made = makeAccount({
      kind: fields.kind.value as OtpKind,
      issuer: fields.issuer.value,
      accountName: fields.account.value,
      secret: decodeBase32(fields.secret.value, 'setup key'),
      algorithm: fields.algorithm.value,
      digits: Number(fields.digits.value),
      period: Number(fields.period.value),
      counter: Number(fields.counter.value),
    });
  } catch (e) {
    return adder.fail(errorText(e));
  }
  await adder.save([made]);
}
