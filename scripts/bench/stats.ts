/** Sample statistics and the result table of `npm run bench`. */

export interface Summary {
  n: number;
  median: number;
  p95: number;
}

/** Nearest-rank percentile of `values` (0 < p ≤ 100). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

export function summarize(values: readonly number[]): Summary {
  return { n: values.length, median: percentile(values, 50), p95: percentile(values, 95) };
}

export type Verdict = 'PASS' | 'MISS' | 'info' | 'n/a';

export interface Row {
  name: string;
  median: string;
  p95: string;
  target: string;
  verdict: Verdict | string;
}

export function ms(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value >= 100 ? `${value.toFixed(0)} ms` : `${value.toFixed(1)} ms`;
}

export function ratio(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : 'n/a';
}

export function perSecond(value: number): string {
  return Number.isFinite(value) ? `${Math.round(value).toLocaleString('en-US')}/s` : 'n/a';
}

export function mib(bytes: number): string {
  return Number.isFinite(bytes) ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : 'n/a';
}

/** A plain-text table, columns padded to their widest cell. */
export function table(rows: readonly Row[]): string {
  const header: Row = { name: 'name', median: 'median', p95: 'p95', target: 'target', verdict: 'verdict' };
  const all = [header, ...rows];
  const keys = ['name', 'median', 'p95', 'target', 'verdict'] as const;
  const width = Object.fromEntries(keys.map((k) => [k, Math.max(...all.map((r) => r[k].length))])) as Record<
    (typeof keys)[number],
    number
  >;
  const line = (r: Row) =>
    keys.map((k) => (k === 'name' || k === 'target' ? r[k].padEnd(width[k]) : r[k].padStart(width[k])));
  const rule = keys.map((k) => '-'.repeat(width[k]));
  return [line(header), rule, ...rows.map(line)].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}
