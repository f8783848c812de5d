/** One ceremony of the log: a summary line, the facts developers check first, then every part as JSON. */
import { h } from '../popup/dom.ts';
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
    ['Origin', entry.topOrigin ? `${entry.origin} (in ${entry.topOrigin})` : entry.origin],
    ['Answered by', entry.gate === 'auto' ? 'automatic presence' : entry.gate],
    ['Took', `${entry.durationMs} ms`],
  ];
  if (entry.profile) rows.push(['Profile', entry.profile]);
  if (entry.fault) {
    rows.push([
      'Fault injected',
      entry.fault.applied ? entry.fault.description : `${entry.fault.description} (nothing to change here)`,
    ]);
  }
  const auth = entry.authData;
  if (auth) {
    rows.push([
      'RP ID hash',
      auth.rpIdHashMatches === undefined
        ? auth.rpIdHash
        : `${auth.rpIdHash} (${auth.rpIdHashMatches ? 'is' : 'is NOT'} SHA-256 of the RP ID)`,
    ]);
    rows.push([
      'Flags',
      `${auth.flagsByte}: ${FLAG_NAMES.map((f) => `${f}=${auth.flags[f] ? 1 : 0}`).join(' ')}`,
    ]);
    rows.push(['Counter', String(auth.signCount)]);
    const acd = auth.attestedCredentialData;
    if (acd) {
      rows.push(['AAGUID', acd.aaguid]);
      rows.push(['Credential ID', acd.credentialId]);
    }
  }
  if (entry.attestation) rows.push(['Attestation', entry.attestation.fmt]);
  if (entry.error) {
    rows.push(['Error', `${entry.error.name}: ${entry.error.message}`]);
    if (entry.error.rule) rows.push(['Rule', entry.error.rule]);
  }
  return h('dl', { className: 'facts' }, ...rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

export function logEntryView(
  entry: CeremonyLogEntry,
  open: boolean,
  onToggle: (open: boolean) => void,
): HTMLElement {
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
    { open, id },
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
              copyStatus.textContent = 'Copied.';
            } catch {
              copyStatus.textContent = 'The clipboard refused; select the text below instead.';
            }
          },
        },
        'Copy as JSON',
      ),
      copyStatus,
    ),
    ...part(id, 'Options sent by the page', entry.sent),
    ...part(id, 'Options as Tapkey understood them', entry.understood),
    ...part(id, 'clientDataJSON', entry.clientData),
    ...part(id, 'Authenticator data', entry.authData),
    ...part(id, 'Attestation statement', entry.attestation),
    ...part(id, 'Signature (DER and r‖s)', entry.signature),
    ...part(id, 'JSON the page received', entry.received),
    ...part(id, 'Error', entry.error),
  );
  details.addEventListener('toggle', () => onToggle(details.open));
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
