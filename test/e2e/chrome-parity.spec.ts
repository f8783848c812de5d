/**
 * Replays every case Chrome answered (test/fixtures/webidl/chrome-outcomes.json, recorded by
 * scripts/chrome-oracle/record.ts) through Tapkey and expects what Chrome's page saw: the same
 * DOMException name (or TypeError), or success. A call that reaches Tapkey's prompt counts as
 * success, as Tapkey then creates or signs when the user taps; the replay aborts it there (through
 * the page's AbortSignal) to stay fast. Calls Tapkey hands to the browser meet the same CDP virtual
 * authenticator the recording used. One page per group of cases, one browser for the whole file.
 */
import { readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BrowserContext, CDPSession, Page } from '@playwright/test';
import { type DemoServer, startDemoServer } from '../../demo/server.ts';
import { optionsOf, type RecordedCase, type Tagged } from '../../scripts/chrome-oracle/cases.ts';
import {
  base64url,
  freshAuthenticator,
  knownCredential,
  type PageResult,
} from '../../scripts/chrome-oracle/record.ts';
import { launch, newProfileDir, serviceWorker } from './browser.ts';
import { expect, storedCredentialCount, test } from './fixtures.ts';

interface Fixture {
  chromium: string;
  cases: RecordedCase[];
}

const FIXTURE = resolve(import.meta.dirname, '../fixtures/webidl/chrome-outcomes.json');
const HARNESS = resolve(import.meta.dirname, '../../scripts/chrome-oracle/harness.js');
const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Fixture;
const groups = new Map<string, RecordedCase[]>();
for (const c of fixture.cases) groups.set(c.group, [...(groups.get(c.group) ?? []), c]);

/** What Tapkey gave, in the fixture's words ('prompt': it waits for the user's tap). */
type Observed = string;

/** Chrome's outcome and Tapkey's agree: the page sees the same thing. */
function agrees(c: RecordedCase, observed: Observed): boolean {
  if (c.outcome === observed) return true;
  if (observed !== 'prompt') return false;
  // Tapkey asks the user where Chrome's virtual authenticator answered at once (or waited).
  if (c.outcome === 'success' || c.outcome === 'pending') return true;
  // A sign-in none of whose allowed credentials is here: Tapkey says so only after the user's tap
  // (README, security rules), and then the only answer is NotAllowedError, as Chrome's.
  return c.kind === 'get' && c.outcome === 'NotAllowedError';
}

let server: DemoServer;
let profileDir: string;
let context: BrowserContext;
const known = knownCredential();
const summary: { group: string; total: number; mismatches: string[] }[] = [];
/** How Tapkey answered: 'prompt', 'success' (the browser answered), or an error name. */
const observedCounts = new Map<string, number>();

test.beforeAll(async () => {
  server = await startDemoServer({ port: 0 });
  profileDir = newProfileDir();
  context = await launch(profileDir);
  await serviceWorker(context);
});

test.afterAll(async () => {
  await context?.close();
  await server?.close();
  rmSync(profileDir, { recursive: true, force: true });
  const total = summary.reduce((n, g) => n + g.total, 0);
  const differ = summary.flatMap((g) => g.mismatches);
  console.log(
    `Chrome parity: ${total - differ.length} of ${total} cases as Chromium ${fixture.chromium} answers`,
  );
  const counts = [...observedCounts].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`);
  console.log(`  Tapkey: ${counts.join(', ')} ('success' = handed to the browser)`);
  for (const line of differ) console.log(`  differs: ${line}`);
});

async function pendingPrompts(): Promise<number> {
  const worker = await serviceWorker(context);
  return worker.evaluate(async () => {
    const { prompts } = await chrome.storage.session.get('prompts');
    return Array.isArray(prompts) ? prompts.length : 0;
  });
}

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T | undefined> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
  return undefined;
}

/**
 * A call handed to the browser was answered by Chrome's virtual authenticator, whose signature is
 * Chrome's; what Tapkey could break is what it passed on. So the clientDataJSON of a success must
 * carry exactly the challenge bytes the case sent (WebAuthn L3 §7.1 step 8, §7.2 step 12); a case
 * whose challenge is not a plain buffer of known bytes cannot succeed in Chrome either.
 */
function outcomeOf(c: RecordedCase, result: PageResult): Observed {
  if (result.outcome !== 'success') return result.outcome;
  const options = optionsOf(c.kind, c.set) as { publicKey?: { challenge?: Record<string, unknown> } };
  const sent = options.publicKey?.challenge;
  if (sent?.$ !== 'buffer')
    return `success with a challenge the replay cannot tell (${JSON.stringify(sent)})`;
  const want = Buffer.alloc(Number(sent.bytes), Number(sent.fill ?? 0));
  const clientData = JSON.parse(result.clientDataJSON ?? '{}') as { challenge?: string };
  const got = Buffer.from(clientData.challenge ?? '', 'base64url');
  return got.equals(want) ? 'success' : `success, but clientDataJSON.challenge is ${got.toString('hex')}`;
}

/** Runs one case in the page: its outcome, or 'prompt' once Tapkey's prompt shows (then aborted). */
async function replay(page: Page, c: RecordedCase): Promise<Observed> {
  const args: [RecordedCase['kind'], Tagged] = [c.kind, optionsOf(c.kind, c.set)];
  await page.evaluate(
    ([kind, options]) => window.__tapkeyParity.start(kind, options, true),
    args as ['create' | 'get', unknown],
  );
  const seen = await until(async () => {
    const state = await page.evaluate(() => window.__tapkeyParity.state());
    if (state.settled) return outcomeOf(c, state.result as PageResult);
    return (await pendingPrompts()) > 0 ? 'prompt' : undefined;
  }, 10_000);
  if (seen !== 'prompt' && seen !== undefined) return seen;
  // Reached the prompt (or still waiting): abort through the page's signal and let the prompt go.
  await page.evaluate(() => window.__tapkeyParity.abort());
  const settled = await until(
    async () => ((await page.evaluate(() => window.__tapkeyParity.state())).settled ? true : undefined),
    5_000,
  );
  if (!settled) throw new Error(`${c.id}: the call did not settle within 5 s of its abort`);
  const cleared = await until(async () => ((await pendingPrompts()) === 0 ? true : undefined), 5_000);
  if (!cleared) throw new Error(`${c.id}: its prompt was still queued 5 s after the abort`);
  return seen ?? 'pending';
}

async function openGroupPage(): Promise<{ page: Page; cdp: CDPSession }> {
  const page = await context.newPage();
  await page.goto(`${server.url}/pages/blank.html`);
  await page.addScriptTag({ path: HARNESS });
  await page.evaluate((id) => window.__tapkeyParity.setCredentialId(id), base64url(known.credentialId));
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  await freshAuthenticator(cdp, known);
  return { page, cdp };
}

for (const [name, cases] of groups) {
  test(`${name}: ${cases.length} cases answered as Chrome answers them`, async () => {
    const { page, cdp } = await openGroupPage();
    const mismatches: string[] = [];
    for (const c of cases) {
      const observed = await replay(page, c);
      observedCounts.set(observed, (observedCounts.get(observed) ?? 0) + 1);
      if (!agrees(c, observed)) {
        mismatches.push(`${c.id} ${c.title}: Chrome ${c.outcome}, Tapkey ${observed}`);
      }
    }
    summary.push({ group: name, total: cases.length, mismatches });
    await cdp.detach();
    await page.close();
    // Nothing was approved, so nothing may have been stored, whatever the outcome.
    expect(await storedCredentialCount(context)).toBe(0);
    expect(mismatches).toEqual([]);
  });
}
