/**
 * Fault injection: for one of the listed origins, choose a fault (fault-spec.ts) and the ceremonies it
 * applies to, or none. The worker refuses a fault for an origin that is not listed.
 */
import { h, hint } from '../popup/dom.ts';
import { type MessageKey, t } from '../src/i18n/messages.ts';
import { send } from '../src/messages/client.ts';
import {
  FAULT_ERROR_NAMES,
  FAULT_TYPES,
  type FaultOn,
  type FaultSetting,
  type FaultSpec,
  MAX_FAULT_DELAY_MS,
} from '../src/workbench-core/fault-spec.ts';
import type { WorkbenchGrant } from '../src/workbench-core/types.ts';
import { faultChoiceLabel, faultInWords } from './fault-words.ts';
import { fillOriginChoice } from './origin-choice.ts';

const ON: readonly [FaultOn, MessageKey][] = [
  ['both', 'wb_createAndGet'],
  ['create', 'wb_createOnly'],
  ['get', 'wb_getOnly'],
];

/** A labelled control that shows only for the fault types that take it. */
function field(id: string, label: string, control: HTMLElement): HTMLElement {
  return h('span', { className: 'field', id: `${id}-field` }, h('label', { for: id }, label), control);
}

export function faultsSection(): { element: HTMLElement; refresh(grants: WorkbenchGrant[]): void } {
  const status = h('p', { className: 'status', role: 'status', id: 'fault-status' });
  const origin = h('select', { id: 'fault-origin' });
  const type = h(
    'select',
    { id: 'fault-type' },
    h('option', { value: '' }, t('wb_noFault')),
    ...FAULT_TYPES.map((entry) => h('option', { value: entry.type }, faultChoiceLabel(entry))),
  );
  const errorName = h(
    'select',
    { id: 'fault-error' },
    ...FAULT_ERROR_NAMES.map((n) => h('option', { value: n }, n)),
  );
  const delay = h('input', {
    type: 'number',
    id: 'fault-delay',
    min: '0',
    max: String(MAX_FAULT_DELAY_MS),
    step: '1',
    value: '2000',
  });
  const rollback = h('input', { type: 'number', id: 'fault-rollback', min: '1', step: '1', value: '1' });
  const on = h('select', { id: 'fault-on' }, ...ON.map(([value, label]) => h('option', { value }, t(label))));
  const fields = {
    exception: field('fault-error', t('wb_error'), errorName),
    delay: field('fault-delay', t('wb_delay'), delay),
    'counter-rollback': field('fault-rollback', t('wb_backBy'), rollback),
  };

  function showFields(): void {
    for (const [name, element] of Object.entries(fields)) element.hidden = type.value !== name;
  }
  type.addEventListener('change', showFields);
  showFields();

  function chosen(): FaultSpec | undefined {
    switch (type.value) {
      case '':
        return undefined;
      case 'exception':
        return {
          type: 'exception',
          name: FAULT_ERROR_NAMES.find((n) => n === errorName.value) ?? 'NotAllowedError',
        };
      case 'delay':
        return { type: 'delay', ms: Number(delay.value) };
      case 'counter-rollback':
        return { type: 'counter-rollback', by: Number(rollback.value) };
      default:
        return { type: type.value } as FaultSpec;
    }
  }

  let listed: WorkbenchGrant[] = [];

  /** The form shows the chosen origin's fault, so "Set fault" starts from what is on. */
  function showCurrent(): void {
    const fault = listed.find((g) => g.pattern === origin.value)?.fault;
    type.value = fault?.spec.type ?? '';
    on.value = fault?.on ?? 'both';
    if (fault?.spec.type === 'exception') errorName.value = fault.spec.name;
    if (fault?.spec.type === 'delay') delay.value = String(fault.spec.ms);
    if (fault?.spec.type === 'counter-rollback') rollback.value = String(fault.spec.by);
    showFields();
  }
  origin.addEventListener('change', showCurrent);

  function refresh(grants: WorkbenchGrant[]): void {
    const changed = fillOriginChoice(origin, listed, grants);
    listed = grants;
    if (changed) showCurrent();
    form.hidden = grants.length === 0;
    empty.hidden = grants.length > 0;
  }

  const form = h(
    'form',
    {
      id: 'fault-form',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        const spec = chosen();
        const fault: FaultSetting | null = spec ? { spec, on: on.value as FaultOn } : null;
        const answer = await send('workbench/set-fault', { pattern: origin.value, fault });
        status.classList.toggle('error', !answer.ok);
        if (!answer.ok) {
          status.textContent = answer.error;
          return;
        }
        status.textContent = spec
          ? t('wb_faultOn', origin.value, faultInWords(spec))
          : t('wb_faultOff', origin.value);
      },
    },
    h(
      'div',
      { className: 'row' },
      h('label', { for: 'fault-origin' }, t('wb_origin')),
      origin,
      h('label', { for: 'fault-type' }, t('wb_fault')),
      type,
    ),
    h(
      'div',
      { className: 'row' },
      fields.exception,
      fields.delay,
      fields['counter-rollback'],
      h('label', { for: 'fault-on' }, t('wb_appliesTo')),
      on,
    ),
    h('div', { className: 'row' }, h('button', { type: 'submit', className: 'primary' }, t('wb_setFault'))),
  );
  const empty = hint(t('wb_faultsEmpty'));

  const element = h(
    'section',
    { 'aria-labelledby': 'faults-heading' },
    h('h2', { id: 'faults-heading' }, t('wb_faultsHeading')),
    hint(t('wb_faultsIntro')),
    empty,
    form,
    status,
  );
  return { element, refresh };
}
