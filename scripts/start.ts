// `npm start`: the demo relying party on http://localhost:8787 (PORT overrides) plus a headed Chromium
// with the built extension loaded and a persistent profile in .profile/, so passkeys survive restarts.
import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdir, readlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DemoServer, startDemoServer } from '../demo/server.ts';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const DIST = join(ROOT, 'dist');
const PROFILE = join(ROOT, '.profile');
const DEFAULT_PORT = 8787;

function fail(lines: string[]): never {
  console.error(lines.join('\n'));
  process.exit(1);
}

async function exists(path: string, mode = constants.F_OK): Promise<boolean> {
  return access(path, mode).then(
    () => true,
    () => false,
  );
}

/** Chromium keeps a SingletonLock symlink "<host>-<pid>" while a browser uses the profile. */
async function runningProfileOwner(): Promise<number | undefined> {
  const target = await readlink(join(PROFILE, 'SingletonLock')).catch(() => undefined);
  const pid = Number(target?.split('-').at(-1));
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

async function startServer(): Promise<DemoServer> {
  const requested = process.env.PORT === undefined ? DEFAULT_PORT : Number(process.env.PORT);
  if (!Number.isInteger(requested) || requested < 0 || requested > 65535) {
    fail([`PORT must be a port number (0-65535), got ${JSON.stringify(process.env.PORT)}.`]);
  }
  try {
    return await startDemoServer({ port: requested });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    console.warn(`Port ${requested} is busy; using a free port instead.`);
    return startDemoServer({ port: 0 });
  }
}

async function main(): Promise<void> {
  if (!(await exists(join(DIST, 'manifest.json')))) {
    fail([
      `The extension is not built: ${join(DIST, 'manifest.json')} is missing.`,
      'Run npm run build first.',
    ]);
  }

  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!(await exists(chromium, constants.X_OK))) {
    fail([
      `Chromium was not found at ${chromium}${process.env.CHROMIUM_PATH ? ' (from CHROMIUM_PATH)' : ''}.`,
      'Install it (Debian/Ubuntu: sudo apt-get install chromium),',
      'or set CHROMIUM_PATH to a Chromium or Chrome for Testing executable, e.g.',
      '  CHROMIUM_PATH=/path/to/chrome npm start',
      '(Branded Google Chrome 137+ ignores --load-extension; use Chromium or Chrome for Testing.)',
    ]);
  }

  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    fail([
      'No display: neither DISPLAY nor WAYLAND_DISPLAY is set, so a headed Chromium cannot open a window.',
      'Run it under a virtual display instead:  xvfb-run npm start',
      '(or start the demo relying party alone with: npx tsx demo/main.ts)',
    ]);
  }

  const owner = await runningProfileOwner();
  if (owner !== undefined) {
    fail([
      `A Chromium (pid ${owner}) is already using the profile ${PROFILE}.`,
      'Close that window first: a second launch would only hand the URL to it and exit.',
    ]);
  }

  await mkdir(PROFILE, { recursive: true });
  const server = await startServer();
  const url = `${server.url}/`;

  const args = [
    `--user-data-dir=${PROFILE}`,
    `--load-extension=${DIST}`,
    `--disable-extensions-except=${DIST}`,
    // Chromium-based builds that gate --load-extension behind this feature honour it again.
    '--disable-features=DisableLoadExtensionCommandLineSwitch',
    '--no-first-run',
    '--no-default-browser-check',
    url,
  ];
  // Chromium refuses to run as root with its sandbox (containers, CI boxes); say so and go without.
  if (process.getuid?.() === 0) {
    console.log(
      'Running as root: starting Chromium with --no-sandbox (use a normal user for daily browsing).',
    );
    args.unshift('--no-sandbox');
  }
  // Chromium is chatty on stderr (D-Bus, GPU); show it only when asked.
  const verbose = /(?:^|,)\s*chromium\s*(?:,|$)/.test(process.env.DEBUG ?? '');
  const child = spawn(chromium, args, {
    stdio: ['ignore', verbose ? 'inherit' : 'ignore', verbose ? 'inherit' : 'ignore'],
  });

  console.log(`Tapkey demo relying party: ${url}`);
  console.log(`  TOTP enrolment: ${server.url}/mfa   HOTP enrolment: ${server.url}/hotp`);
  console.log(`Chromium: ${chromium} with the extension from ${DIST} (profile ${PROFILE})`);
  console.log('Press Ctrl+C to stop.');

  let stopping = false;
  const stop = async (exitCode: number): Promise<void> => {
    if (stopping) return;
    stopping = true;
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await server.close().catch(() => undefined);
    process.exit(exitCode);
  };

  child.once('error', (error) => {
    console.error(`Could not start ${chromium}: ${error.message}`);
    void stop(1);
  });
  child.once('exit', (code, signal) => {
    if (stopping) return;
    if (code !== 0 && code !== null) {
      console.error(`Chromium exited with code ${code}. Run with DEBUG=chromium to see its output.`);
    } else {
      console.log(`Chromium ${signal ? `was stopped (${signal})` : 'exited'}; stopping the demo server.`);
    }
    void stop(code ?? 0);
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.log('\nStopping…');
      void stop(0);
    });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
