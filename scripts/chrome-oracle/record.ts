/**
 * Records Chrome's own answer to every case in cases.ts: Debian's Chromium, headless, no extension,
 * the CDP virtual authenticator (CTAP2, USB, resident keys, user verification, presence simulated),
 * a page on http://localhost served by the demo server. Writes test/fixtures/webidl/chrome-outcomes.json.
 *
 *   npx tsx scripts/chrome-oracle/record.ts            (CHROMIUM_PATH overrides /usr/bin/chromium)
 *
 * Rerun it when Chrome changes, then run test/e2e/chrome-parity.spec.ts to see where Tapkey differs.
 */
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type CDPSession, chromium, type Page } from '@playwright/test';
import conversions from 'webidl-conversions';
import { startDemoServer } from '../../demo/server.ts';
import { VIRTUAL_AUTHENTICATOR_OPTIONS } from '../virtual-authenticator-options.ts';
import {
  allCases,
  BASES,
  FUZZ_SEED,
  KNOWN_CREDENTIAL_ID,
  MEMBER_ORDER_PROBES,
  type OracleCase,
  optionsOf,
  type RecordedCase,
  type Tagged,
} from './cases.ts';

const HARNESS = resolve(import.meta.dirname, 'harness.js');
const OUT = resolve(import.meta.dirname, '../../test/fixtures/webidl/chrome-outcomes.json');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Chrome's AdjustTimeout bounds (content/browser/webauth): off while the virtual authenticator API is on. */
const TIMEOUT_MIN_MS = 10_000;
const TIMEOUT_MAX_MS = 600_000;

/** The credential every get() case can find: resident, for rpId "localhost". */
export interface KnownCredential {
  credentialId: string;
  privateKey: string;
  userHandle: string;
}

export function knownCredential(): KnownCredential {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    credentialId: Buffer.from(KNOWN_CREDENTIAL_ID, 'base64url').toString('base64'),
    privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    userHandle: Buffer.from('parity-user').toString('base64'),
  };
}

/** A fresh virtual authenticator holding only `known`, as each group starts with. */
export async function freshAuthenticator(cdp: CDPSession, known: KnownCredential): Promise<string> {
  const { authenticatorId } = (await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: VIRTUAL_AUTHENTICATOR_OPTIONS,
  })) as { authenticatorId: string };
  await cdp.send('WebAuthn.addCredential', {
    authenticatorId,
    credential: { ...known, isResidentCredential: true, rpId: 'localhost', signCount: 0 },
  });
  return authenticatorId;
}

export function base64url(base64: string): string {
  return base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** What the page saw for one case. */
export interface PageResult {
  outcome: string;
  message?: string;
  sync?: boolean;
  attachment?: string | null;
  /** A success's clientDataJSON, as text. */
  clientDataJSON?: string;
}

async function openHarness(page: Page, url: string, known: KnownCredential): Promise<void> {
  await page.goto(url);
  await page.addScriptTag({ path: HARNESS });
  await page.evaluate((id) => window.__tapkeyParity.setCredentialId(id), base64url(known.credentialId));
}

async function runCase(page: Page, kind: OracleCase['kind'], options: Tagged): Promise<PageResult> {
  const args: [OracleCase['kind'], unknown] = [kind, options];
  return page.evaluate(([k, o]) => window.__tapkeyParity.run(k, o, 8_000), args);
}

/**
 * The virtual authenticator API turns off Chrome's timeout clamp, so a small timeout times out at
 * once where any real Chrome waits at least 10 s. For such a case the clamped value is what counts.
 */
function clampedTimeout(options: Tagged): number | undefined {
  const publicKey = (options as { publicKey?: { timeout?: Tagged } }).publicKey;
  const timeout = publicKey?.timeout;
  if (timeout === undefined) return undefined;
  // ToNumber of the few tagged values that have one; any other object converts to NaN, so to 0.
  let value: unknown = timeout;
  if (timeout !== null && typeof timeout === 'object' && !Array.isArray(timeout)) {
    const t = timeout as { $?: string; value?: string };
    if (t.$ === 'number') value = Number(t.value);
    else if (t.$ === 'Date') value = 0;
    else if (t.$ === 'bigint' || t.$ === 'symbol') return undefined;
    else value = Number.NaN;
  }
  const converted = conversions['unsigned long'](value);
  return Math.min(TIMEOUT_MAX_MS, Math.max(TIMEOUT_MIN_MS, converted));
}

async function main(): Promise<void> {
  const server = await startDemoServer({ port: 0 });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  const version = browser.version();
  const page = await browser.newPage();
  const url = `${server.url}/pages/blank.html`;
  const known = knownCredential();
  await openHarness(page, url, known);
  let cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });

  const memberOrder: Record<string, { reads: string[]; outcome: string }> = {};
  const probeAuthenticator = await freshAuthenticator(cdp, known);
  for (const kind of ['create', 'get'] as const) {
    const args: [OracleCase['kind'], unknown] = [kind, MEMBER_ORDER_PROBES[kind]];
    memberOrder[kind] = await page.evaluate(([k, o]) => window.__tapkeyParity.memberOrder(k, o), args);
  }
  await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: probeAuthenticator });

  const recorded: RecordedCase[] = [];
  let group = '';
  let authenticatorId = '';
  const started = Date.now();
  for (const c of allCases()) {
    if (c.group !== group) {
      if (authenticatorId) await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId });
      authenticatorId = await freshAuthenticator(cdp, known);
      group = c.group;
    }
    const options = optionsOf(c.kind, c.set);
    let result = await runCase(page, c.kind, options);
    let note: string | undefined;
    const clamped = clampedTimeout(options);
    if (result.outcome === 'NotAllowedError' && clamped !== undefined) {
      const again = await runCase(page, c.kind, {
        ...(options as Record<string, Tagged>),
        publicKey: {
          ...((options as Record<string, Tagged>).publicKey as Record<string, Tagged>),
          timeout: clamped,
        },
      });
      if (again.outcome !== result.outcome) {
        note = `virtual-authenticator artifact: the timeout converts below Chrome's 10 s floor; recorded with ${clamped} ms`;
        result = again;
      }
    }
    if (result.sync) throw new Error(`${c.id}: threw synchronously (${result.message})`);
    if (result.outcome === 'pending') {
      // A request that never settles would block the next one: start over on a fresh page.
      await openHarness(page, url, known);
      cdp = await page.context().newCDPSession(page);
      await cdp.send('WebAuthn.enable', { enableUI: false });
      authenticatorId = await freshAuthenticator(cdp, known);
    }
    recorded.push({ ...c, outcome: result.outcome, ...(note ? { note } : {}) });
    console.log(
      `${c.id.padEnd(28)} ${result.outcome.padEnd(18)} ${c.title}${note ? '  (timeout clamped)' : ''}`,
    );
  }

  const fixture = {
    source:
      'Recorded by scripts/chrome-oracle/record.ts from Chromium itself (headless, no extension) with the CDP ' +
      'virtual authenticator (ctap2, usb, resident keys, user verification, presence simulated) on ' +
      'http://localhost. Cases: bad arguments derived from web-platform-tests webauthn/ ' +
      '(createcredential-badargs-*, getcredential-badargs-*, *-extensions, *-pubkeycredparams, ' +
      '*-excludecredentials, *-timeout), the Credential Management container, server-style nulls, and a ' +
      'seeded fuzzer of option mutations. Each case is a base (`bases`) plus `set` mutations in the tag ' +
      'format described in scripts/chrome-oracle/cases.ts; `outcome` is the DOMException name (or ' +
      'TypeError) the page saw, "success", or "pending" when the call had not settled after 8 s (Chrome was ' +
      'waiting for an authenticator the virtual one is not). A `note` marks a case whose timeout converts below ' +
      "Chrome's 10 s floor, which the virtual-authenticator API turns off: it is recorded with the clamped " +
      'value any real Chrome uses. `memberOrder` lists the members Chrome reads from the probe options, in ' +
      'order. Refresh: npx tsx scripts/chrome-oracle/record.ts',
    chromium: version,
    recordedAt: new Date().toISOString().slice(0, 10),
    fuzzSeed: FUZZ_SEED,
    bases: BASES,
    memberOrder: { probes: MEMBER_ORDER_PROBES, reads: memberOrder },
    cases: recorded,
  };
  // One case per line: readable, and a new Chrome shows up as a diff of the lines that changed.
  const { cases, ...head } = fixture;
  const headJson = JSON.stringify(head, null, 2).replace(/\n}$/, '');
  const caseLines = cases.map((c) => `    ${JSON.stringify(c)}`).join(',\n');
  writeFileSync(OUT, `${headJson},\n  "cases": [\n${caseLines}\n  ]\n}\n`);
  const counts = new Map<string, number>();
  for (const r of recorded) counts.set(r.outcome, (counts.get(r.outcome) ?? 0) + 1);
  console.log(
    `\n${recorded.length} cases in ${Math.round((Date.now() - started) / 1000)} s, Chromium ${version}:`,
  );
  for (const [outcome, n] of [...counts].sort((a, b) => b[1] - a[1])) console.log(`  ${outcome}: ${n}`);
  console.log(`wrote ${OUT}`);
  await browser.close();
  await server.close();
}

declare global {
  interface Window {
    __tapkeyParity: {
      run(kind: 'create' | 'get', options: unknown, watchdogMs?: number): Promise<PageResult>;
      memberOrder(kind: 'create' | 'get', options: unknown): Promise<{ reads: string[]; outcome: string }>;
      start(kind: 'create' | 'get', options: unknown, addSignal: boolean): void;
      state(): { settled: boolean; result?: PageResult };
      abort(): void;
      setCredentialId(base64url: string): void;
    };
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
