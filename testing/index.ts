/**
 * `tapkey/testing`: Tapkey in a project's own Playwright tests. Launches Chromium with the built
 * extension and drives it through the extension's own workbench page (never through the web page
 * under test, which cannot reach it): automatic presence per origin, the ceremony log, and passkeys
 * as Playwright or CDP fixtures; or, for tests that want the real prompt, approve, cancel or pick
 * an account in it (prompt.ts).
 *
 * @example
 * const tapkey = await launchTapkey();
 * await tapkey.autoPresence('http://localhost:3000', { uv: true });
 * const page = await tapkey.context.newPage();
 * // … register and sign in: no prompt, UV reported …
 * await tapkey.close();
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, chromium, type Page } from '@playwright/test';
import type {
  CdpCredential,
  CeremonyLogEntry,
  CredentialShape,
  PlaywrightCredential,
  WorkbenchGrant,
} from '../src/workbench-core/types.ts';
import { answerPrompt, type PromptSeen } from './prompt.ts';

export type { CdpCredential, CeremonyLogEntry, PlaywrightCredential, PromptSeen, WorkbenchGrant };

/** How long a prompt helper waits for the prompt to appear, by default. */
export interface PromptOptions {
  timeoutMs?: number;
}

export interface LaunchOptions {
  /** The built extension (`npm run build`); defaults to this package's `dist/`. */
  dist?: string;
  /** Chromium or Chrome for Testing (branded Chrome ignores --load-extension); `CHROMIUM_PATH` or /usr/bin/chromium. */
  executablePath?: string;
  headless?: boolean;
  /** A profile directory to keep; by default a fresh one, removed by close(). */
  profileDir?: string;
}

export interface Tapkey {
  context: BrowserContext;
  extensionId: string;
  /** Approve create()/get() from these origins without the prompt; `minutes` 0 (default): no end. */
  autoPresence(origin: string, options?: { uv?: boolean; minutes?: number }): Promise<WorkbenchGrant[]>;
  /** Turns the workbench off for the origin (the prompt is back, nothing more is logged). */
  revoke(origin: string): Promise<void>;
  /** The ceremony log of the listed origins, newest first. */
  log(): Promise<CeremonyLogEntry[]>;
  /** Private keys leave after the PIN when one is set: pass it as `pin`. */
  exportCredentials(shape: 'playwright', rpId?: string, pin?: string): Promise<PlaywrightCredential[]>;
  exportCredentials(shape: 'cdp', rpId?: string, pin?: string): Promise<CdpCredential[]>;
  /** Adds credentials in either shape; answers how many were new. */
  importCredentials(credentials: readonly (PlaywrightCredential | CdpCredential)[]): Promise<number>;
  /**
   * Waits for Tapkey's prompt (a create() or get() the page just started) and approves it: the first
   * account, or `account` by user name; `pin` when it asks for one. Resolves with what it showed.
   */
  approve(options?: PromptOptions & { account?: string; pin?: string }): Promise<PromptSeen>;
  /** Picks the account with this user name in the prompt and approves: `approve({ account })`. */
  pick(account: string, options?: PromptOptions & { pin?: string }): Promise<PromptSeen>;
  /** Cancels the prompt, as the user's Cancel: the page gets NotAllowedError. */
  cancel(options?: PromptOptions): Promise<PromptSeen>;
  close(): Promise<void>;
}

const DEFAULT_DIST = resolve(import.meta.dirname, '../dist');

export async function launchTapkey(options: LaunchOptions = {}): Promise<Tapkey> {
  const dist = options.dist ?? DEFAULT_DIST;
  if (!existsSync(join(dist, 'manifest.json')))
    throw new Error(`${dist} holds no built extension: run npm run build`);
  const executablePath = options.executablePath ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const profileDir = options.profileDir ?? mkdtempSync(join(tmpdir(), 'tapkey-testing-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless: options.headless ?? true,
    args: [
      `--disable-extensions-except=${dist}`,
      `--load-extension=${dist}`,
      '--disable-features=DisableLoadExtensionCommandLineSwitch',
      '--no-first-run',
      '--disable-sync',
    ],
  });
  const worker =
    context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
    (await context.waitForEvent('serviceworker', {
      predicate: (w) => w.url().startsWith('chrome-extension://'),
    }));
  const extensionId = new URL(worker.url()).host;

  // The extension's own page: only its messages reach the workbench (a web page's never do).
  let workbench: Page | undefined;
  async function call<T>(name: string, payload: object): Promise<T> {
    if (!workbench || workbench.isClosed()) {
      workbench = await context.newPage();
      await workbench.goto(`chrome-extension://${extensionId}/workbench/workbench.html`);
    }
    return workbench.evaluate(([n, p]) => chrome.runtime.sendMessage({ name: n, payload: p }), [
      name,
      payload,
    ] as const);
  }

  async function exportCredentials(shape: CredentialShape, rpId?: string, pin?: string): Promise<never[]> {
    const answer = await call<{ ok: boolean; text?: string; error?: string }>(
      'workbench/export-credentials',
      {
        shape,
        ...(rpId ? { rpId } : {}),
        ...(pin ? { pin } : {}),
      },
    );
    if (!answer.ok || answer.text === undefined) throw new Error(answer.error ?? 'export failed');
    return JSON.parse(answer.text) as never[];
  }

  return {
    context,
    extensionId,
    async autoPresence(origin, { uv = false, minutes = 0 } = {}) {
      const answer = await call<{ ok: boolean; grants?: WorkbenchGrant[]; error?: string }>(
        'workbench/grant',
        {
          pattern: origin,
          autoPresence: true,
          autoUv: uv,
          minutes,
        },
      );
      if (!answer.ok || !answer.grants) throw new Error(answer.error ?? 'the workbench refused the origin');
      return answer.grants;
    },
    async revoke(origin) {
      await call('workbench/revoke', { pattern: origin.includes('://') ? new URL(origin).origin : origin });
    },
    async log() {
      return (await call<{ entries: CeremonyLogEntry[] }>('workbench/log', {})).entries;
    },
    exportCredentials,
    async importCredentials(credentials) {
      const answer = await call<{ ok: boolean; added?: number; error?: string }>(
        'workbench/import-credentials',
        {
          text: JSON.stringify(credentials),
        },
      );
      if (!answer.ok || answer.added === undefined) throw new Error(answer.error ?? 'import failed');
      return answer.added;
    },
    approve({ timeoutMs, account, pin } = {}) {
      return answerPrompt(
        context,
        extensionId,
        {
          type: 'approve',
          ...(account !== undefined ? { account } : {}),
          ...(pin !== undefined ? { pin } : {}),
        },
        timeoutMs,
      );
    },
    pick(account, { timeoutMs, pin } = {}) {
      return answerPrompt(
        context,
        extensionId,
        { type: 'approve', account, ...(pin !== undefined ? { pin } : {}) },
        timeoutMs,
      );
    },
    cancel({ timeoutMs } = {}) {
      return answerPrompt(context, extensionId, { type: 'cancel' }, timeoutMs);
    },
    async close() {
      await context.close();
      if (!options.profileDir) rmSync(profileDir, { recursive: true, force: true });
    },
  };
}
