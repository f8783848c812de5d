// `npm start`: builds Tapkey, starts the demo relying party on http://localhost:8787 (PORT overrides) and
// opens a headed Chromium with the extension loaded and a persistent profile in .profile/, so passkeys
// survive restarts. `npm start -- --firefox` (or TAPKEY_BROWSER=firefox) builds the Firefox variant and
// opens Debian's Firefox ESR through web-ext, with its own profile in .profile-firefox/.
import { spawn, spawnSync } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdir, readlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DemoServer, startDemoServer } from '../demo/server.ts';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const FIREFOX =
  process.argv.includes('--firefox') ||
  process.env.TAPKEY_BROWSER === 'firefox' ||
  // `npm start --firefox` (without `--`) reaches the script as this npm config variable.
  process.env.npm_config_firefox === 'true';
const DIST = join(ROOT, FIREFOX ? 'dist-firefox' : 'dist');
const PROFILE = join(ROOT, '.profile');
const FIREFOX_PROFILE = join(ROOT, '.profile-firefox');
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

function build(): void {
  const run = spawnSync('npm', ['run', FIREFOX ? 'build:firefox' : 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (run.status !== 0) fail([`The build failed (npm run ${FIREFOX ? 'build:firefox' : 'build'}).`]);
}

/** Firefox ESR with the add-on installed temporarily by web-ext, which also reloads it on rebuilds. */
async function firefoxCommand(url: string): Promise<{ command: string; args: string[]; name: string }> {
  const firefox = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
  if (!(await exists(firefox, constants.X_OK))) {
    fail([
      `Firefox was not found at ${firefox}${process.env.FIREFOX_PATH ? ' (from FIREFOX_PATH)' : ''}.`,
      'Install it (Debian/Ubuntu: sudo apt-get install firefox-esr), or set FIREFOX_PATH.',
    ]);
  }
  await mkdir(FIREFOX_PROFILE, { recursive: true });
  return {
    name: 'Firefox',
    command: join(ROOT, 'node_modules/.bin/web-ext'),
    args: [
      'run',
      `--source-dir=${DIST}`,
      `--firefox=${firefox}`,
      `--firefox-profile=${FIREFOX_PROFILE}`,
      // Keep passkeys and settings between runs, as the Chromium profile does.
      '--keep-profile-changes',
      `--start-url=${url}`,
    ],
  };
}

/** Chromium with the unpacked extension and a persistent profile. */
async function chromiumCommand(url: string): Promise<{ command: string; args: string[]; name: string }> {
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

  const owner = await runningProfileOwner();
  if (owner !== undefined) {
    fail([
      `A Chromium (pid ${owner}) is already using the profile ${PROFILE}.`,
      'Close that window first: a second launch would only hand the URL to it and exit.',
    ]);
  }

  await mkdir(PROFILE, { recursive: true });

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
  return { name: 'Chromium', command: chromium, args };
}

async function main(): Promise<void> {
  build();
  if (!(await exists(join(DIST, 'manifest.json')))) {
    fail([
      `The extension is not built: ${join(DIST, 'manifest.json')} is missing.`,
      `Run npm run ${FIREFOX ? 'build:firefox' : 'build'} first.`,
    ]);
  }

  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    fail([
      'No display: neither DISPLAY nor WAYLAND_DISPLAY is set, so a headed browser cannot open a window.',
      'Run it under a virtual display instead:  xvfb-run npm start',
      '(or start the demo relying party alone with: npx tsx demo/main.ts)',
    ]);
  }

  const server = await startServer();
  const url = `${server.url}/`;
  const { command, args, name } = FIREFOX ? await firefoxCommand(url) : await chromiumCommand(url);
  // Browsers are chatty on stderr (D-Bus, GPU); show it only when asked (DEBUG=chromium or firefox).
  const verbose = new RegExp(`(?:^|,)\\s*${name.toLowerCase()}\\s*(?:,|$)`).test(process.env.DEBUG ?? '');
  const child = spawn(command, args, {
    stdio: ['ignore', verbose ? 'inherit' : 'ignore', verbose ? 'inherit' : 'ignore'],
  });

  console.log(`Tapkey demo relying party: ${url}`);
  console.log(`  TOTP enrolment: ${server.url}/mfa   HOTP enrolment: ${server.url}/hotp`);
  console.log(
    `${name}: ${FIREFOX ? args.find((a) => a.startsWith('--firefox='))?.slice(10) : command} with the extension from ${DIST} (profile ${FIREFOX ? FIREFOX_PROFILE : PROFILE})`,
  );
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
    console.error(`Could not start ${command}: ${error.message}`);
    void stop(1);
  });
  child.once('exit', (code, signal) => {
    if (stopping) return;
    if (code !== 0 && code !== null) {
      console.error(
        `${name} exited with code ${code}. Run with DEBUG=${name.toLowerCase()} to see its output.`,
      );
    } else {
      console.log(`${name} ${signal ? `was stopped (${signal})` : 'exited'}; stopping the demo server.`);
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
