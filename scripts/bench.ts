/**
 * `npm run bench` (after `npm run build`): latency of the real extension in Debian's Chromium against
 * Chrome's own virtual authenticator, the pure core's throughput in Node, and the cost of one-time
 * codes at 1,000 accounts. Prints a table with PASS/MISS against the targets of issues 3 and 4; it
 * asserts nothing and exits 0 unless the run itself fails. Not part of `npm test`.
 *
 * BENCH_ITERATIONS (default 30) sets N for the browser runs; BENCH_COLD_ITERATIONS (10),
 * BENCH_CODES_ITERATIONS (30) and BENCH_PIN_ITERATIONS (20) those of the cold-worker, Codes-popup and
 * PIN runs.
 */
import { cpus, release, totalmem } from 'node:os';
import { type DemoServer, startDemoServer } from '../demo/server.ts';
import { runAutoPresence } from './bench/auto-presence.ts';
import { breakdown } from './bench/breakdown.ts';
import { type CodesRun, runCodes } from './bench/codes.ts';
import { type CoreRate, runCore } from './bench/core.ts';
import { runCoreIdb } from './bench/core-idb.ts';
import { type ExtensionRun, PROBE_TO_CALL_MS, runExtension } from './bench/extension.ts';
import type { PinRun } from './bench/pin-ceremonies.ts';
import type { PopupSample } from './bench/popup-ceremony.ts';
import type { PopupCodesRun } from './bench/popup-codes.ts';
import { runScale, type ScaleRun } from './bench/scale.ts';
import { mib, ms, perSecond, type Row, ratio, summarize, table } from './bench/stats.ts';
import { runVirtualAuthenticator, type VirtualRun } from './bench/virtual-authenticator.ts';

const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 30);
const WARMUPS = 3;
/** create()s made right after the service worker was stopped (a cold start, as most real sign-ins). */
const COLD_ITERATIONS = Number(process.env.BENCH_COLD_ITERATIONS ?? 10);
/** Toolbar popups opened to time the Codes tab's first render. */
const CODES_ITERATIONS = Number(process.env.BENCH_CODES_ITERATIONS ?? 30);
/** get()s each with the vault unlocked and locked, once a PIN is set. */
const PIN_ITERATIONS = Number(process.env.BENCH_PIN_ITERATIONS ?? 20);
/** The whole run must not hang: give up after this long. */
const WATCHDOG_MS = 900_000;

/** Passkeys stored for the scale rows (issue 11: 10,000 across 1,000 relying parties), and the baseline. */
const SCALE_LARGE = Number(process.env.BENCH_SCALE_PASSKEYS ?? 10_000);
const SCALE_SMALL = 10;

const TARGET = {
  scaleRatio: 1.2,
  passkeysOpenMs: 300,
  promptVisibleMs: 150,
  afterApproveRatio: 3,
  moonshotRatio: 1.5,
  codesFirstRenderMs: 200,
};

function log(message: string): void {
  process.stderr.write(`${message}\n`);
}

function verdict(ok: boolean): 'PASS' | 'MISS' {
  return ok ? 'PASS' : 'MISS';
}

function latencyRows(
  name: string,
  values: number[],
  target: string,
  ok?: (median: number, p95: number) => boolean,
): Row {
  const s = summarize(values);
  return {
    name: `${name} (n=${s.n})`,
    median: ms(s.median),
    p95: ms(s.p95),
    target,
    verdict: ok ? verdict(ok(s.median, s.p95)) : 'info',
  };
}

function ratioVerdict(r: number): string {
  if (!Number.isFinite(r)) return 'n/a';
  if (r <= TARGET.moonshotRatio) return 'PASS (moonshot)';
  return verdict(r <= TARGET.afterApproveRatio);
}

/** Call → prompt visible: its first paint, else the moment it was in the DOM. */
function visibleAfter(s: PopupSample): number {
  return (Number.isFinite(s.promptPaintedAt) ? s.promptPaintedAt : s.promptInDomAt) - s.startedAt;
}

/** `f` of each sample that has it (a missing time is NaN). */
function each(samples: PopupSample[], f: (s: PopupSample) => number): number[] {
  return samples.map(f).filter((v) => Number.isFinite(v));
}

function browserRows(ext: ExtensionRun, va: VirtualRun): Row[] {
  const rows: Row[] = [];
  const rowsAfterVisible: Row[] = [];
  for (const kind of ['create', 'get'] as const) {
    const samples = ext.samples.filter((s) => s.kind === kind);
    const of = (f: (s: PopupSample) => number) => each(samples, f);
    const visible = of(visibleAfter);
    const after = of((s) => s.resolvedAt - s.approvedAt);
    const whole = samples.map((s) => visibleAfter(s) + (s.resolvedAt - s.approvedAt));
    if (kind === 'create' && ext.coldSamples.length > 0) {
      const cold = ext.coldSamples;
      rowsAfterVisible.push(
        latencyRows(
          `Tapkey ${kind}(), cold worker: call → prompt visible`,
          each(cold, visibleAfter),
          `≤ ${TARGET.promptVisibleMs} ms`,
          (m) => m <= TARGET.promptVisibleMs,
        ),
        latencyRows(
          `  of which call → popup opened (cold worker)`,
          each(cold, (s) => s.popupOpenedAt - s.startedAt),
          '',
          undefined,
        ),
        latencyRows(
          `Tapkey ${kind}(), worker stopped, page probed WebAuthn ${PROBE_TO_CALL_MS / 1000} s before: call → prompt visible`,
          each(ext.coldProbedSamples, visibleAfter),
          `≤ ${TARGET.promptVisibleMs} ms`,
          (m) => m <= TARGET.promptVisibleMs,
        ),
      );
    }
    const chrome = va[kind];
    const chromeS = summarize(chrome);
    const afterS = summarize(after);
    const wholeS = summarize(whole);
    const call = `${kind}()`;
    rows.push(
      latencyRows(
        `Tapkey ${call}: call → prompt visible`,
        visible,
        `≤ ${TARGET.promptVisibleMs} ms`,
        (m) => m <= TARGET.promptVisibleMs,
      ),
      latencyRows(
        `  of which call → popup opened`,
        of((s) => s.popupOpenedAt - s.startedAt),
        '',
        undefined,
      ),
      latencyRows(
        `  of which popup opened → prompt in DOM`,
        of((s) => s.promptInDomAt - s.popupOpenedAt),
        '',
        undefined,
      ),
      latencyRows(
        `  of which prompt in DOM → painted`,
        of((s) => s.promptPaintedAt - s.promptInDomAt),
        '',
        undefined,
      ),
      ...rowsAfterVisible.splice(0),
      latencyRows(
        `Tapkey ${call}: Approve click → resolved`,
        after,
        `≤ ${ms(TARGET.afterApproveRatio * chromeS.median)} (3× Chrome)`,
        (m) => m <= TARGET.afterApproveRatio * chromeS.median,
      ),
      latencyRows(`Chrome virtual authenticator ${call}: call → resolved`, chrome, 'yardstick'),
      {
        name: `  ratio: Tapkey ${call} after approve / Chrome`,
        median: ratio(afterS.median / chromeS.median),
        p95: ratio(afterS.p95 / chromeS.p95),
        target: `≤ ${TARGET.afterApproveRatio}× (${TARGET.moonshotRatio}× moonshot)`,
        verdict: ratioVerdict(afterS.median / chromeS.median),
      },
      {
        name: `  ratio: Tapkey ${call} minus human time / Chrome`,
        median: ratio(wholeS.median / chromeS.median),
        p95: ratio(wholeS.p95 / chromeS.p95),
        target: `(${ms(wholeS.median)} vs ${ms(chromeS.median)})`,
        verdict: 'info',
      },
    );
  }
  return rows;
}

/** The workbench's automatic presence against the same yardstick: whole calls, no human in them. */
function autoRows(auto: VirtualRun, va: VirtualRun): Row[] {
  return (['create', 'get'] as const).flatMap((kind) => {
    const chrome = summarize(va[kind]).median;
    const mine = summarize(auto[kind]);
    return [
      latencyRows(
        `Tapkey ${kind}() with automatic presence: call → resolved`,
        auto[kind],
        `≤ ${ms(TARGET.afterApproveRatio * chrome)} (3× Chrome)`,
        (m) => m <= TARGET.afterApproveRatio * chrome,
      ),
      {
        name: `  ratio: Tapkey ${kind}() with automatic presence / Chrome`,
        median: ratio(mine.median / chrome),
        p95: ratio(mine.p95 / summarize(va[kind]).p95),
        target: `≤ ${TARGET.afterApproveRatio}×`,
        verdict: ratioVerdict(mine.median / chrome),
      },
    ];
  });
}

function codesRows(codes: CodesRun, popup: PopupCodesRun): Row[] {
  const steady = summarize(codes.steady);
  const count = codes.accounts.toLocaleString('en-US');
  const rows: Row[] = [
    {
      name: `TOTP in Node: ${count} codes, first call (HMAC key import)`,
      median: ms(codes.first),
      p95: '',
      target: '',
      verdict: 'info',
    },
    {
      name: `TOTP in Node: one second's refresh at ${count} accounts (n=${steady.n})`,
      median: ms(steady.median),
      p95: ms(steady.p95),
      target: '< 100 ms',
      verdict: verdict(steady.p95 < 100),
    },
  ];
  if (!popup.ok) {
    rows.push({
      name: `Toolbar popup Codes first render, ${count} accounts`,
      median: `n/a (${popup.reason})`,
      p95: '',
      target: `≤ ${TARGET.codesFirstRenderMs} ms`,
      verdict: 'n/a',
    });
    return rows;
  }
  const late = popup.late > 0 ? `, ${popup.late} left out: listed before the probe` : '';
  rows.push(
    latencyRows(
      `Toolbar popup Codes first render, ${count} accounts: navigation start → painted${late}`,
      popup.renders,
      `≤ ${TARGET.codesFirstRenderMs} ms p95`,
      // Issue 11 asks it of the p95, not the median.
      (_median, p95) => p95 <= TARGET.codesFirstRenderMs,
    ),
    latencyRows(`  the same from the toolbar click`, popup.fromClick, '', undefined),
  );
  return rows;
}

/** With a PIN set: Approve → resolved with the vault unlocked, and with the PIN typed to unlock it. */
function pinRows(pin: PinRun): Row[] {
  if (pin.unlocked.length === 0 && pin.locked.length === 0) return [];
  const after = (samples: PopupSample[]) => samples.map((s) => s.resolvedAt - s.approvedAt);
  return [
    latencyRows('Tapkey get() with a PIN set, vault unlocked: Approve → resolved', after(pin.unlocked), ''),
    latencyRows(
      'Tapkey get(), vault locked: PIN + Approve → resolved (PBKDF2 600,000 unlock)',
      after(pin.locked),
      '',
    ),
  ];
}

function coreRows(rates: readonly CoreRate[], store: string): Row[] {
  return rates.map((r) => {
    const s = summarize(r.latencies);
    return {
      name: `Node core (${store}): ${r.name} — ${perSecond(r.opsPerSecond)}`,
      median: ms(s.median),
      p95: ms(s.p95),
      target: '',
      verdict: 'info',
    };
  });
}

/** get() with 10,000 passkeys against 10, and the Passkeys tab opening with 10,000. */
function scaleRows(scale: ScaleRun): Row[] {
  const small = summarize(scale.small);
  const large = summarize(scale.large);
  const open = summarize(scale.passkeysOpen);
  const complete = summarize(scale.passkeysComplete);
  const n = (count: number) => count.toLocaleString('en-US');
  return [
    {
      name: `Scale: get() (automatic presence) with ${n(scale.smallCount)} passkeys stored`,
      median: ms(small.median),
      p95: ms(small.p95),
      target: '',
      verdict: 'info',
    },
    {
      name: `Scale: get() with ${n(scale.largeCount)} passkeys (1,000 sites) ÷ with ${n(scale.smallCount)}`,
      median: ratio(large.median / small.median),
      p95: ratio(large.p95 / small.p95),
      target: `≤ ${TARGET.scaleRatio}×`,
      verdict: verdict(large.median / small.median <= TARGET.scaleRatio),
    },
    {
      name: `Scale: Passkeys tab with ${n(scale.largeCount)} passkeys, click → first screenful painted`,
      median: ms(open.median),
      p95: ms(open.p95),
      target: `≤ ${TARGET.passkeysOpenMs} ms`,
      verdict: verdict(open.median <= TARGET.passkeysOpenMs),
    },
    {
      name: `Scale: Passkeys tab with ${n(scale.largeCount)} passkeys, click → every row built (in the background)`,
      median: ms(complete.median),
      p95: ms(complete.p95),
      target: '',
      verdict: 'info',
    },
  ];
}

async function chromiumVersion(): Promise<string> {
  const { execFileSync } = await import('node:child_process');
  try {
    return execFileSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  log('core: makeCredential / getAssertion / client ceremonies in Node …');
  const core = await runCore({ warmupMs: 300, durationMs: 1500 });
  log('core through the IndexedDB credential store (fake-indexeddb, sealed keys) in Node …');
  const coreIdb = await runCoreIdb({ warmupMs: 300, durationMs: 1500 });
  log('codes: 1,000 TOTP accounts in Node …');
  const codes = await runCodes({ accounts: 1000, iterations: 30 });

  let server: DemoServer | undefined;
  let ext: ExtensionRun;
  let va: VirtualRun;
  let auto: VirtualRun;
  try {
    server = await startDemoServer({ port: 0 });
    log(`Chrome's virtual authenticator: ${WARMUPS} warm-ups + ${ITERATIONS} × create() and get() …`);
    va = await runVirtualAuthenticator({ origin: server.url, warmups: WARMUPS, iterations: ITERATIONS });
    log(`Tapkey with automatic presence: ${WARMUPS} warm-ups + ${ITERATIONS} × create() and get() …`);
    auto = await runAutoPresence({ origin: server.url, warmups: WARMUPS, iterations: ITERATIONS });
    log(
      `Tapkey through the popup: ${WARMUPS} warm-ups + ${ITERATIONS} × create() and get(), ` +
        `${COLD_ITERATIONS} cold, ${CODES_ITERATIONS} toolbar popups on Codes, ` +
        `${PIN_ITERATIONS} × get() unlocked and locked with a PIN …`,
    );
    ext = await runExtension({
      origin: server.url,
      warmups: WARMUPS,
      iterations: ITERATIONS,
      traceIterations: 5,
      codesAccounts: 1000,
      codesIterations: CODES_ITERATIONS,
      pinIterations: PIN_ITERATIONS,
      coldIterations: COLD_ITERATIONS,
      onProgress: (done, total) => {
        if (done % 10 === 0 || done === total) log(`  ${done}/${total}`);
      },
    });
  } finally {
    await server?.close();
  }
  log(`scale: get() with ${SCALE_SMALL} and ${SCALE_LARGE} passkeys, and the Passkeys tab …`);
  // A failed scale run is a row of its own, not the end of the whole bench.
  const scale: ScaleRun | string = await runScale({
    small: SCALE_SMALL,
    large: SCALE_LARGE,
    iterations: 20,
  }).catch((e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0]!);

  const popupCodes = ext.popupCodes;

  const rows: Row[] = [
    ...browserRows(ext, va),
    ...autoRows(auto, va),
    ...pinRows(ext.pin),
    ...coreRows(core.rates, 'in-memory store'),
    ...coreRows(coreIdb, 'IndexedDB store'),
    ...codesRows(codes, popupCodes),
    ...(typeof scale === 'string'
      ? [
          {
            name: `Scale with ${SCALE_LARGE} passkeys`,
            median: 'failed',
            p95: scale,
            target: '',
            verdict: 'MISS',
          },
        ]
      : scaleRows(scale)),
    {
      name: 'Memory: service worker JS heap used after the runs (total)',
      median: mib(ext.swHeapUsed),
      p95: '',
      target: `(${mib(ext.swHeapTotal)})`,
      verdict: 'info',
    },
    {
      name: 'Memory: Node heapUsed after the core bench',
      median: mib(core.heapUsed),
      p95: '',
      target: '',
      verdict: 'info',
    },
  ];

  const cpu = cpus();
  console.log('');
  console.log(
    `Machine:  ${cpu[0]?.model ?? 'unknown CPU'} × ${cpu.length}, ${mib(totalmem())} RAM, Linux ${release()}`,
  );
  console.log(`Node:     ${process.version}`);
  console.log(`Chromium: ${await chromiumVersion()} (headless; browser reports ${ext.chromiumVersion})`);
  console.log(
    `N:        ${ITERATIONS} per browser measurement after ${WARMUPS} warm-ups; times are wall clock`,
  );
  console.log('');
  console.log(table(rows));
  if (ext.failures.length > 0) {
    console.log('');
    console.log(`${ext.failures.length} ceremonies failed and were left out:`);
    for (const f of ext.failures) console.log(`  - ${f}`);
  }
  console.log('');
  console.log('Where the time goes (extra traced ceremonies, service worker APIs wrapped over CDP):');
  console.log(breakdown(ext.traced));
  console.log('');
  console.log(
    [
      'prompt visible = first contentful paint of the popup (it paints nothing before the prompt);',
      'the ratio rows compare medians (and p95s); "minus human time" = prompt visible + after approve.',
      `Total bench time ${((performance.now() - started) / 1000).toFixed(1)} s.`,
    ].join('\n'),
  );
}

const watchdog = setTimeout(() => {
  log(`bench: gave up after ${WATCHDOG_MS / 1000} s`);
  process.exit(1);
}, WATCHDOG_MS);
watchdog.unref();

try {
  await main();
} catch (e) {
  log(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  process.exitCode = 1;
} finally {
  clearTimeout(watchdog);
}
