/** "Where the time goes": the traced ceremonies cut into hops, medians per hop. */
import type { TracedSample } from './extension.ts';
import { ms, percentile } from './stats.ts';
import type { TraceEvent } from './trace.ts';

const CEREMONY_PORT = 'tapkey/ceremony-v1';

interface Hop {
  name: string;
  values: number[];
}

function first(events: TraceEvent[], op: string, after = -Infinity): TraceEvent | undefined {
  return events.filter((e) => e.op === op && e.start >= after).sort((a, b) => a.start - b.start)[0];
}

/** "storage.session.get ×4 (9.1 ms)" for the API calls that started inside [from, to]. */
function opsBetween(events: TraceEvent[], from: number, to: number): Map<string, { n: number; ms: number }> {
  const out = new Map<string, { n: number; ms: number }>();
  for (const e of events) {
    if (e.start < from || e.start > to || e.end === e.start) continue;
    const entry = out.get(e.op) ?? { n: 0, ms: 0 };
    entry.n++;
    entry.ms += e.end - e.start;
    out.set(e.op, entry);
  }
  return out;
}

function mergeOps(all: Map<string, { n: number; ms: number }>[]): string {
  const total = new Map<string, { n: number; ms: number }>();
  for (const m of all) {
    for (const [op, v] of m) {
      const t = total.get(op) ?? { n: 0, ms: 0 };
      t.n += v.n;
      t.ms += v.ms;
      total.set(op, t);
    }
  }
  const runs = Math.max(1, all.length);
  return [...total]
    .sort((a, b) => b[1].ms - a[1].ms)
    .map(([op, v]) => `${op} ×${(v.n / runs).toFixed(1)} (${ms(v.ms / v.n)} each)`)
    .join(', ');
}

export function breakdown(traced: TracedSample[]): string {
  const lines: string[] = [];
  for (const kind of ['create', 'get'] as const) {
    const runs = traced.filter((t) => t.sample.kind === kind);
    if (runs.length === 0) continue;
    const hops: Hop[] = [
      { name: 'page call → worker gets the port (page script → relay → worker)', values: [] },
      { name: 'worker gets the port → chrome.action.openPopup() called', values: [] },
      { name: 'openPopup() called → popup document starts (Chrome)', values: [] },
      { name: 'popup document starts → prompt in DOM (load + prompt/current)', values: [] },
      { name: 'prompt in DOM → first paint', values: [] },
      { name: 'Approve click → worker gets prompt/answer', values: [] },
      { name: 'worker gets prompt/answer → result posted to the relay', values: [] },
      { name: 'result posted → page promise resolved (relay → page)', values: [] },
    ];
    const promptOps: Map<string, { n: number; ms: number }>[] = [];
    const answerOps: Map<string, { n: number; ms: number }>[] = [];
    for (const { sample: s, events } of runs) {
      const connect = first(events, `connect ${CEREMONY_PORT}`, s.startedAt - 1);
      const open = first(events, 'action.openPopup', s.startedAt - 1);
      const answer = first(events, 'message prompt/answer', s.approvedAt - 1);
      const reply = first(events, `reply on ${CEREMONY_PORT}`, s.approvedAt - 1);
      const push = (i: number, v: number | undefined) => {
        if (v !== undefined && Number.isFinite(v)) hops[i]!.values.push(v);
      };
      push(0, connect && connect.start - s.startedAt);
      push(1, connect && open && open.start - connect.start);
      push(2, open && s.popupOpenedAt - open.start);
      push(3, s.promptInDomAt - s.popupOpenedAt);
      push(4, s.promptPaintedAt - s.promptInDomAt);
      push(5, answer && answer.start - s.approvedAt);
      push(6, answer && reply && reply.start - answer.start);
      push(7, reply && s.resolvedAt - reply.start);
      if (connect && open) promptOps.push(opsBetween(events, connect.start, open.start));
      if (answer && reply) answerOps.push(opsBetween(events, answer.start, reply.start));
    }
    lines.push(`${kind}() — median of ${runs.length} traced ceremonies (API wrappers add a little):`);
    const width = Math.max(...hops.map((h) => h.name.length));
    for (const h of hops) {
      const v = h.values.length > 0 ? ms(percentile(h.values, 50)) : 'n/a';
      lines.push(`  ${h.name.padEnd(width)}  ${v.padStart(9)}`);
    }
    lines.push(`  worker API calls before openPopup(): ${mergeOps(promptOps) || 'none'}`);
    lines.push(`  worker API calls from prompt/answer to the result: ${mergeOps(answerOps) || 'none'}`);
  }
  return lines.join('\n');
}
