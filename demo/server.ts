// The local demo relying party: WebAuthn registration/sign-in verified by @simplewebauthn/server,
// AWS-style TOTP and HOTP enrolment pages, and static pages for the end-to-end tests.
// node:http only, state in memory per server instance.
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CONTENT_TYPES,
  HttpError,
  readJsonObject,
  relyingPartyFromHost,
  send,
  sendHtml,
  sendJson,
} from './http-util.ts';
import { OtpEnrolments, renderHotpPage, renderMfaPage } from './otp.ts';
import type { RelyingPartyRequest } from './relying-party.ts';
import { DemoRelyingParty } from './relying-party.ts';

export interface DemoServerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Defaults to 127.0.0.1; then [::1] is bound too (best effort) so "localhost" works either way. */
  host?: string;
  /** Milliseconds since the epoch; tests pin it to check the TOTP window. */
  now?: () => number;
}

export interface DemoServer {
  /** http://localhost:PORT (no trailing slash). */
  url: string;
  port: number;
  close(): Promise<void>;
}

const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));
const SIMPLEWEBAUTHN_BROWSER = fileURLToPath(
  new URL('../node_modules/@simplewebauthn/browser/dist/bundle/index.umd.min.js', import.meta.url),
);
const DEBUG = /(?:^|,)\s*demo\s*(?:,|$)/.test(process.env.DEBUG ?? '');

const WEBAUTHN_VERIFY_ROUTES = new Set(['/api/register/verify', '/api/login/verify']);

type ApiHandler = (req: RelyingPartyRequest) => Promise<unknown> | unknown;

export async function startDemoServer(opts: DemoServerOptions = {}): Promise<DemoServer> {
  const now = opts.now ?? Date.now;
  const rp = new DemoRelyingParty(now);
  const otp = new OtpEnrolments(now);

  const api: Record<string, ApiHandler> = {
    '/api/register/options': (r) => rp.registrationOptions(r),
    '/api/register/verify': (r) => rp.registrationVerify(r),
    '/api/login/options': (r) => rp.authenticationOptions(r),
    '/api/login/verify': (r) => rp.authenticationVerify(r),
    '/api/mfa/verify': (r) => otp.verifyTotp(r.body),
    '/api/hotp/verify': (r) => otp.verifyHotp(r.body),
    '/api/reset': () => {
      rp.reset();
      otp.reset();
      return { ok: true };
    },
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const rawUrl = req.url ?? '/';
    const rawPath = rawUrl.split(/[?#]/, 1)[0] ?? '/';
    const method = req.method ?? 'GET';

    if (rawPath.startsWith('/api/')) {
      if (rawPath === '/api/users') {
        if (method !== 'GET') throw new HttpError(405, 'use GET');
        sendJson(res, 200, rp.listUsers());
        return;
      }
      const handler = api[rawPath];
      if (!handler) throw new HttpError(404, `no API route ${rawPath}`);
      if (method !== 'POST') throw new HttpError(405, 'use POST');
      const { rpID, origin } = relyingPartyFromHost(req.headers.host);
      const body = rawPath === '/api/reset' ? {} : await readJsonObject(req);
      try {
        const result = await handler({ rpID, origin, body });
        const ok = !(typeof result === 'object' && result !== null && 'ok' in result && result.ok === false);
        sendJson(res, ok ? 200 : 400, result);
      } catch (error) {
        // Verification failures answer {verified:false, error} so the page can show why.
        if (WEBAUTHN_VERIFY_ROUTES.has(rawPath)) {
          const status = error instanceof HttpError ? error.status : 400;
          sendJson(res, status, { verified: false, error: errorMessage(error) });
          return;
        }
        throw error;
      }
      return;
    }

    if (method !== 'GET' && method !== 'HEAD') throw new HttpError(405, 'use GET');
    if (rawPath === '/mfa' || rawPath === '/hotp') {
      const kind = rawPath === '/mfa' ? 'totp' : 'hotp';
      const { enrolmentId, base32 } = otp.create(kind);
      const html =
        kind === 'totp'
          ? await renderMfaPage(enrolmentId, base32)
          : await renderHotpPage(enrolmentId, base32);
      sendHtml(res, 200, html, method);
      return;
    }
    if (rawPath === '/vendor/simplewebauthn-browser.js') {
      await sendFile(res, SIMPLEWEBAUTHN_BROWSER, method);
      return;
    }
    if (rawPath === '/favicon.ico') {
      res.writeHead(204, { 'Cache-Control': 'no-store' }).end();
      return;
    }
    await sendFile(res, staticPath(rawPath === '/' ? '/index.html' : rawPath), method);
  }

  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    const started = performance.now();
    if (DEBUG) {
      res.on('finish', () => {
        const ms = (performance.now() - started).toFixed(1);
        console.log(`[demo] ${req.method} ${req.headers.host ?? ''}${req.url} ${res.statusCode} ${ms}ms`);
      });
    }
    handle(req, res).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      if (status === 500) console.error('[demo] internal error:', error);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const message = status === 500 ? 'internal error' : errorMessage(error);
      if ((req.url ?? '').startsWith('/api/')) sendJson(res, status, { error: message });
      else send(res, status, CONTENT_TYPES['.txt'] ?? 'text/plain', `${status} ${message}\n`);
    });
  };

  const host = opts.host ?? '127.0.0.1';
  const primary = createServer(listener);
  await listen(primary, opts.port ?? 0, host);
  const port = (primary.address() as AddressInfo).port;
  const servers: Server[] = [primary];
  if (host === '127.0.0.1') {
    // "localhost" may resolve to ::1 first (curl, Node); Chromium maps *.localhost to loopback itself.
    const secondary = createServer(listener);
    try {
      await listen(secondary, port, '::1');
      servers.push(secondary);
    } catch {
      // No IPv6 loopback here, or the port is taken on it: 127.0.0.1 alone is enough.
    }
  }

  let closing: Promise<void> | undefined;
  return {
    url: `http://localhost:${port}`,
    port,
    close() {
      closing ??= Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolveClose, reject) => {
              server.close((error) => (error ? reject(error) : resolveClose()));
              server.closeAllConnections();
            }),
        ),
      ).then(() => undefined);
      return closing;
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolveListen, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolveListen();
    });
  });
}

/**
 * Maps a raw request path onto a file under demo/public. The raw path is checked before any
 * normalisation: "..", ".", encoded slashes, backslashes and NUL are refused outright (400), so a
 * traversal attempt never gets normalised into some other, valid path.
 */
export function staticPath(rawPath: string): string {
  if (!rawPath.startsWith('/')) throw new HttpError(400, 'path must start with /');
  const segments = rawPath.slice(1).split('/');
  const decoded: string[] = [];
  for (const segment of segments) {
    let part: string;
    try {
      part = decodeURIComponent(segment);
    } catch {
      throw new HttpError(400, 'malformed percent-encoding in path');
    }
    if (part === '..' || part === '.' || /[/\\\0]/.test(part))
      throw new HttpError(400, 'path traversal refused');
    if (part === '' || part.startsWith('.')) throw new HttpError(404, 'not found');
    decoded.push(part);
  }
  const file = resolve(PUBLIC_DIR, ...decoded);
  if (!file.startsWith(PUBLIC_DIR.endsWith(sep) ? PUBLIC_DIR : PUBLIC_DIR + sep)) {
    throw new HttpError(400, 'path traversal refused');
  }
  return file;
}

async function sendFile(res: ServerResponse, file: string, method: string): Promise<void> {
  const type = CONTENT_TYPES[extname(file).toLowerCase()];
  const info = await stat(file).catch(() => undefined);
  if (!type || !info?.isFile()) throw new HttpError(404, 'not found');
  send(res, 200, type, await readFile(file), method);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
