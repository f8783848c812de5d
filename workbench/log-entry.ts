/** One ceremony of the log: a summary line, the facts developers check first, then every part as JSON. */
import { h } from '../popup/dom.ts';
import { t } from '../src/i18n/messages.ts';
import type { CeremonyLogEntry } from '../src/workbench-core/types.ts';

const FLAG_NAMES = ['UP', 'UV', 'BE', 'BS', 'AT', 'ED'] as const;

function part(id: string, title: string, value: unknown): HTMLElement[] {
  if (value === undefined) return [];
  const headingId = `${id}-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return [
    h('h3', { id: headingId }, title),
    // Focusable: a scrolling region must be reachable from the keyboard (WCAG 2.1.1).
    h('pre', { tabIndex: 0, 'aria-labelledby': headingId }, JSON.stringify(value, null, 2)),
  ];
}

function facts(entry: CeremonyLogEntry): HTMLElement {
  const rows: [string, string][] = [
    [t('wb_origin'), entry.topOrigin ? t('wb_originIn', entry.origin, entry.topOrigin) : entry.origin],
    [t('wb_answeredBy'), entry.gate === 'auto' ? t('wb_automaticPresence') : entry.gate],
    [t('wb_took'), t('wb_ms', entry.durationMs)],
  ];
  if (entry.profile) rows.push([t('wb_profile'), entry.profile]);
  if (entry.fault) {
    rows.push([
      t('wb_faultInjected'),
      entry.fault.applied ? entry.fault.description : t('wb_nothingToChange', entry.fault.description),
    ]);
  }
  const auth = entry.authData;
  if (auth) {
    rows.push([
      t('wb_rpIdHash'),
      auth.rpIdHashMatches === undefined
        ? auth.rpIdHash
        : t(auth.rpIdHashMatches ? 'wb_hashIs' : 'wb_hashIsNot', auth.rpIdHash),
    ]);
    rows.push([
      t('wb_flags'),
      `${auth.flagsByte}: ${FLAG_NAMES.map((f) => `${f}=${auth.flags[f] ? 1 : 0}`).join(' ')}`,
    ]);
    rows.push([t('wb_counter'), String(auth.signCount)]);
    const acd = auth.attestedCredentialData;
    if (acd) {
      rows.push(['AAGUID', acd.aaguid]);
      rows.push([t('wb_credentialId'), acd.credentialId]);
    }
  }
  if (entry.attestation) rows.push([t('wb_attestation'), entry.attestation.fmt]);
  if (entry.error) {
    rows.push([t('wb_error'), `${entry.error.name}: ${entry.error.message}`]);
    if (entry.error.rule) rows.push([t('wb_rule'), entry.error.rule]);
  }
  return h('dl', { className: 'facts' }, ...rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

export function logEntryView(entry: CeremonyLogEntry): HTMLElement {
  const id = `entry-${entry.id}`;
  const copyStatus = h('span', { className: 'hint', role: 'status' });
  const outcome =
    entry.outcome === 'error'
      ? h('span', { className: 'badge error' }, entry.error?.name ?? 'error')
      : entry.outcome === 'fallback'
        ? h('span', { className: 'badge' }, 'browser')
        : h('span', { className: 'badge ok' }, 'ok');
  const details = h(
    'details',
    { id },
    h(
      'summary',
      {},
      h('span', { className: 'when' }, new Date(entry.time).toLocaleTimeString()),
      ` ${entry.kind === 'create' ? 'create()' : 'get()'} `,
      h('strong', {}, entry.origin),
      ' ',
      outcome,
      entry.gate === 'auto' ? h('span', { className: 'badge auto' }, 'AUTO') : null,
      entry.fault ? ' ' : null,
      entry.fault ? h('span', { className: 'badge fault' }, 'FAULT') : null,
    ),
    facts(entry),
    h(
      'div',
      { className: 'row' },
      h(
        'button',
        {
          type: 'button',
          className: 'copy',
          onclick: async () => {
            try {
              await navigator.clipboard.writeText(JSON.stringify(entry, null, 2));
              copyStatus.textContent = t('wb_copied');
            } catch {
              copyStatus.textContent = t('wb_clipboardRefused');
            }
          },
        },
        t('wb_copyJson'),
      ),
      copyStatus,
    ),
    ...part(id, t('wb_sent'), entry.sent),
    ...part(id, t('wb_understood'), entry.understood),
    ...part(id, 'clientDataJSON', entry.clientData),
    ...part(id, t('wb_authData'), entry.authData),
    ...part(id, t('wb_attStatement'), entry.attestation),
    ...part(id, t('wb_signature'), entry.signature),
    ...part(id, t('wb_received'), entry.received),
    ...part(id, t('wb_error'), entry.error),
  );
  return h(
    'li',
    {
      'data-entry-id': entry.id,
      'data-kind': entry.kind,
      'data-outcome': entry.outcome,
      'data-fault': entry.fault?.description,
    },
    details,
  );
}
