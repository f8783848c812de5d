import { request } from 'node:http';
import { connect } from 'node:net';
import { HOTP, Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DemoServer, startDemoServer } from './server.ts';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json(): unknown;
}

/** node:http rather than fetch: fetch would normalise "/../" away and cannot set Host. */
function call(
  server: DemoServer,
  method: string,
  path: string,
  body?: unknown,
  host = `localhost:${server.port}`,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        method,
        path,
        headers: {
          host,
          ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

function record(value: unknown): Record<string, unknown> {
  expect(value).toBeTypeOf('object');
  expect(value).not.toBeNull();
  return value as Record<string, unknown>;
}

const PERIOD_MS = 30_000;
/** Mid-step, so a few milliseconds of test time never cross a step boundary. */
const NOW = 1_750_000_000_000 - (1_750_000_000_000 % PERIOD_MS) + 10_000;
let clock = NOW;
let server: DemoServer;

beforeAll(async () => {
  server = await startDemoServer({ port: 0, now: () => clock });
});
afterAll(async () => {
  await server.close();
});
beforeEach(async () => {
  clock = NOW;
  await call(server, 'POST', '/api/reset', {});
});

describe('startDemoServer', () => {
  it('picks a free port and reports a localhost URL', () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://localhost:${server.port}`);
  });

  it('closes cleanly, twice, and then refuses connections', async () => {
    const other = await startDemoServer({ port: 0 });
    expect((await call(other, 'GET', '/')).status).toBe(200);
    await expect(other.close()).resolves.toBeUndefined();
    await expect(other.close()).resolves.toBeUndefined();
    // A fresh connection (the HTTP agent may hold a kept-alive socket): nothing listens any more.
    const connecting = new Promise<void>((resolve, reject) => {
      connect(other.port, '127.0.0.1', () => resolve()).on('error', reject);
    });
    await expect(connecting).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});

describe('registration options', () => {
  it('returns options for the Host header hostname as RP ID', async () => {
    const reply = await call(server, 'POST', '/api/register/options', {
      username: 'alice',
      residentKey: 'required',
      userVerification: 'required',
      attestation: 'direct',
    });
    expect(reply.status).toBe(200);
    expect(reply.headers['cache-control']).toBe('no-store');
    const options = record(reply.json());
    expect(options.rp).toEqual({ name: 'Tapkey demo', id: 'localhost' });
    expect(record(options.user).name).toBe('alice');
    expect(options.challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(options.pubKeyCredParams).toEqual([
      { alg: -7, type: 'public-key' },
      { alg: -8, type: 'public-key' },
      { alg: -257, type: 'public-key' },
    ]);
    expect(options.attestation).toBe('direct');
    expect(options.excludeCredentials).toEqual([]);
    expect(options.authenticatorSelection).toMatchObject({
      residentKey: 'required',
      requireResidentKey: true,
      userVerification: 'required',
    });
  });

  it('uses sub.localhost as RP ID when asked on that host', async () => {
    const reply = await call(server, 'POST', '/api/register/options', { username: 'a' }, 'sub.localhost:1');
    expect(record(record(reply.json()).rp).id).toBe('sub.localhost');
  });

  it('gives a new challenge each time', async () => {
    const a = record((await call(server, 'POST', '/api/register/options', { username: 'a' })).json());
    const b = record((await call(server, 'POST', '/api/register/options', { username: 'a' })).json());
    expect(a.challenge).not.toBe(b.challenge);
  });

  it.each([
    [{}, /username is required/],
    [{ username: 7 }, /username must be a string/],
    [{ username: 'a', userVerification: 'always' }, /userVerification must be one of/],
    [{ username: 'a', attestation: 'indirect' }, /attestation must be one of/],
    [{ username: 'a', excludeExisting: 'no' }, /excludeExisting must be a boolean/],
  ])('rejects %j', async (body, message) => {
    const reply = await call(server, 'POST', '/api/register/options', body);
    expect(reply.status).toBe(400);
    expect(String(record(reply.json()).error)).toMatch(message);
  });

  it('rejects a non-JSON body and a bad Host header', async () => {
    const notJson = await new Promise<number>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: server.port, method: 'POST', path: '/api/register/options' },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end('username=alice');
    });
    expect(notJson).toBe(415);
    const badHost = await call(server, 'POST', '/api/register/options', { username: 'a' }, 'evil.com/x');
    expect(badHost.status).toBe(400);
  });
});

describe('authentication options', () => {
  it('offers a discoverable flow (empty allowCredentials) without a username', async () => {
    const reply = await call(server, 'POST', '/api/login/options', { userVerification: 'required' });
    expect(reply.status).toBe(200);
    const options = record(reply.json());
    expect(options.rpId).toBe('localhost');
    expect(options.allowCredentials).toEqual([]);
    expect(options.userVerification).toBe('required');
    expect(options.challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('asks for a PRF evaluation and a large-blob read or write when told to', async () => {
    const read = record(
      (await call(server, 'POST', '/api/login/options', { prfInput: 'notes', largeBlob: 'read' })).json(),
    );
    expect(read.extensions).toEqual({
      prf: { eval: { first: Buffer.from('notes').toString('base64url') } },
      largeBlob: { read: true },
    });
    const write = record(
      (await call(server, 'POST', '/api/login/options', { largeBlob: 'write', largeBlobText: 'hi' })).json(),
    );
    expect(write.extensions).toEqual({ largeBlob: { write: Buffer.from('hi').toString('base64url') } });
    const plain = record((await call(server, 'POST', '/api/login/options', {})).json());
    expect(plain.extensions).toBeUndefined();
    const tooLong = await call(server, 'POST', '/api/login/options', {
      largeBlob: 'write',
      largeBlobText: 'x'.repeat(2049),
    });
    expect(tooLong.status).toBe(400);
  });

  it('asks for prf and largeBlob at registration when told to', async () => {
    const options = record(
      (
        await call(server, 'POST', '/api/register/options', { username: 'carol', prfAndLargeBlob: true })
      ).json(),
    );
    expect(options.extensions).toMatchObject({ prf: {}, largeBlob: { support: 'preferred' } });
  });

  it('refuses an unknown username', async () => {
    const reply = await call(server, 'POST', '/api/login/options', { username: 'nobody' });
    expect(reply.status).toBe(404);
  });

  it('refuses a verify whose challenge it never issued', async () => {
    const clientDataJSON = Buffer.from(
      JSON.stringify({ type: 'webauthn.get', challenge: 'bogus', origin: `http://localhost:${server.port}` }),
    ).toString('base64url');
    const reply = await call(server, 'POST', '/api/login/verify', {
      response: { id: 'x', rawId: 'x', type: 'public-key', response: { clientDataJSON } },
    });
    expect(reply.status).toBe(400);
    expect(reply.json()).toMatchObject({
      verified: false,
      error: expect.stringMatching(/no login ceremony/),
    });
  });

  it('lists no users after a reset', async () => {
    const reply = await call(server, 'GET', '/api/users');
    expect(reply.json()).toEqual([]);
  });
});

describe('static files', () => {
  it.each([
    ['/', 'text/html; charset=utf-8'],
    ['/app.js', 'text/javascript; charset=utf-8'],
    ['/style.css', 'text/css; charset=utf-8'],
    ['/vendor/simplewebauthn-browser.js', 'text/javascript; charset=utf-8'],
    ['/pages/blank.html', 'text/html; charset=utf-8'],
    ['/pages/early-capture.html', 'text/html; charset=utf-8'],
    ['/pages/iframe-host.html?src=http://sub.localhost/&allow=x', 'text/html; charset=utf-8'],
  ])('serves %s', async (path, type) => {
    const reply = await call(server, 'GET', path);
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe(type);
    expect(reply.headers['cache-control']).toBe('no-store');
  });

  it('puts the capture script before anything else on the early-capture page', async () => {
    const { text } = await call(server, 'GET', '/pages/early-capture.html');
    expect(text.indexOf('<script')).toBe(text.indexOf('<script>\n'));
    expect(text.indexOf('navigator.credentials.create.bind')).toBeLessThan(text.indexOf('</script>'));
  });

  it('serves the browser bundle with its UMD global', async () => {
    const { text } = await call(server, 'GET', '/vendor/simplewebauthn-browser.js');
    expect(text).toContain('SimpleWebAuthnBrowser');
  });

  it.each([
    '/../package.json',
    '/pages/../../package.json',
    '/%2e%2e/package.json',
    '/pages/%2E%2E/%2e%2e/package.json',
    '/pages/..%2f..%2fpackage.json',
    '/pages/..%5c..%5cpackage.json',
    '/pages/blank.html%00.png',
    '/./index.html',
  ])('refuses traversal %s', async (path) => {
    const reply = await call(server, 'GET', path);
    expect(reply.status).toBe(400);
    expect(reply.text).not.toContain('"name": "tapkey"');
  });

  it.each(['/nope.html', '/.env', '/pages/', '/demo/server.ts', '/server.ts'])('404s %s', async (path) => {
    expect((await call(server, 'GET', path)).status).toBe(404);
  });

  it('refuses POST to a page and GET to an API route', async () => {
    expect((await call(server, 'POST', '/', {})).status).toBe(405);
    expect((await call(server, 'GET', '/api/register/options')).status).toBe(405);
    expect((await call(server, 'POST', '/api/nope', {})).status).toBe(404);
  });
});

/** Loads an enrolment page and pulls out what a user (or a test) can see on it. */
async function enrol(path: '/mfa' | '/hotp'): Promise<{ enrolmentId: string; secret: Secret; html: string }> {
  const reply = await call(server, 'GET', path);
  expect(reply.status).toBe(200);
  const html = reply.text;
  const enrolmentId = /data-enrolment-id="([A-Za-z0-9_-]+)"/.exec(html)?.[1];
  const base32 = /<code id="secret"[^>]*>([A-Z2-7]+)<\/code>/.exec(html)?.[1];
  if (!enrolmentId || !base32) throw new Error(`enrolment page ${path} lacks an id or a secret`);
  return { enrolmentId, secret: Secret.fromBase32(base32), html };
}

describe('TOTP MFA enrolment (/mfa)', () => {
  const codeAt = (secret: Secret, step: number): string =>
    TOTP.generate({ secret, timestamp: step * PERIOD_MS });
  const nowStep = Math.floor(NOW / PERIOD_MS);

  it('renders the AWS-like page with a fresh 20-byte secret, QR code and labelled inputs', async () => {
    const first = await enrol('/mfa');
    const second = await enrol('/mfa');
    expect(first.secret.bytes.length).toBe(20);
    expect(first.secret.base32).not.toBe(second.secret.base32);
    expect(first.enrolmentId).not.toBe(second.enrolmentId);
    const { html } = first;
    expect(html).toContain('<img id="qr" src="data:image/png;base64,');
    expect(html).toContain(
      `data-otpauth="otpauth://totp/TapkeyDemo:alice@example.com?secret=${first.secret.base32}` +
        '&amp;issuer=TapkeyDemo"',
    );
    for (const id of ['code1', 'code2']) {
      expect(html).toMatch(new RegExp(`<label for="${id}">MFA code ${id.at(-1)}</label>`));
      expect(html).toMatch(
        new RegExp(`<input id="${id}"[^>]*inputmode="numeric" autocomplete="one-time-code" maxlength="6"`),
      );
    }
    expect(html).toContain('Show secret key');
    expect(html).toContain('Assign MFA');
    expect(html).toContain('<output id="mfa-result"');
  });

  it.each([-1, 0, 1])('accepts two consecutive codes starting %i step(s) from now', async (delta) => {
    const { enrolmentId, secret } = await enrol('/mfa');
    const step = nowStep + delta;
    const reply = await call(server, 'POST', '/api/mfa/verify', {
      enrolmentId,
      code1: codeAt(secret, step),
      code2: codeAt(secret, step + 1),
    });
    expect(reply.status).toBe(200);
    expect(reply.json()).toMatchObject({ ok: true, step });
  });

  it('accepts codes made with the otpauth URI from the page, the way an app would', async () => {
    const { enrolmentId, html } = await enrol('/mfa');
    const uri = /data-otpauth="([^"]+)"/.exec(html)?.[1]?.replaceAll('&amp;', '&') ?? '';
    const totp = new TOTP({ secret: Secret.fromBase32(new URL(uri).searchParams.get('secret') ?? '') });
    const code1 = totp.generate({ timestamp: NOW - PERIOD_MS });
    const code2 = totp.generate({ timestamp: NOW });
    const reply = await call(server, 'POST', '/api/mfa/verify', { enrolmentId, code1, code2 });
    expect(record(reply.json()).ok).toBe(true);
  });

  it.each([
    ['reversed', (s: Secret) => [codeAt(s, nowStep + 1), codeAt(s, nowStep)]],
    ['not consecutive', (s: Secret) => [codeAt(s, nowStep), codeAt(s, nowStep + 2)]],
    ['the same code twice', (s: Secret) => [codeAt(s, nowStep), codeAt(s, nowStep)]],
    ['stale', (s: Secret) => [codeAt(s, nowStep - 2), codeAt(s, nowStep - 1)]],
    ['too far ahead', (s: Secret) => [codeAt(s, nowStep + 2), codeAt(s, nowStep + 3)]],
    ['from another secret', () => [codeAt(new Secret(), nowStep), codeAt(new Secret(), nowStep + 1)]],
    ['not six digits', (s: Secret) => [codeAt(s, nowStep).slice(1), codeAt(s, nowStep + 1)]],
  ])('rejects codes that are %s', async (_name, codes) => {
    const { enrolmentId, secret } = await enrol('/mfa');
    const [code1, code2] = codes(secret);
    const reply = await call(server, 'POST', '/api/mfa/verify', { enrolmentId, code1, code2 });
    expect(reply.status).toBe(400);
    expect(record(reply.json()).ok).toBe(false);
  });

  it('follows the clock: codes that were good become stale', async () => {
    const { enrolmentId, secret } = await enrol('/mfa');
    const body = { enrolmentId, code1: codeAt(secret, nowStep), code2: codeAt(secret, nowStep + 1) };
    clock = NOW + 2 * PERIOD_MS;
    expect(record((await call(server, 'POST', '/api/mfa/verify', body)).json()).ok).toBe(false);
    clock = NOW + PERIOD_MS;
    expect(record((await call(server, 'POST', '/api/mfa/verify', body)).json()).ok).toBe(true);
  });

  it('refuses an unknown enrolment, and a HOTP enrolment on the TOTP route', async () => {
    const unknown = await call(server, 'POST', '/api/mfa/verify', {
      enrolmentId: 'nope',
      code1: '123456',
      code2: '654321',
    });
    expect(unknown.status).toBe(404);
    const { enrolmentId } = await enrol('/hotp');
    const wrongKind = await call(server, 'POST', '/api/mfa/verify', { enrolmentId, code1: '1', code2: '2' });
    expect(wrongKind.status).toBe(404);
  });
});

describe('HOTP enrolment (/hotp)', () => {
  const codeAt = (secret: Secret, counter: number): string => HOTP.generate({ secret, counter });

  it('shows an otpauth://hotp URI with counter=0', async () => {
    const { html, secret } = await enrol('/hotp');
    expect(html).toContain(
      `otpauth://hotp/TapkeyDemo:alice@example.com?secret=${secret.base32}` +
        '&amp;issuer=TapkeyDemo&amp;counter=0',
    );
    expect(html).toContain('<output id="hotp-result"');
  });

  it('accepts the next code, advances, and refuses a replay', async () => {
    const { enrolmentId, secret } = await enrol('/hotp');
    const first = await call(server, 'POST', '/api/hotp/verify', { enrolmentId, code: codeAt(secret, 0) });
    expect(first.json()).toMatchObject({ ok: true, counter: 0, nextCounter: 1 });
    const replay = await call(server, 'POST', '/api/hotp/verify', { enrolmentId, code: codeAt(secret, 0) });
    expect(replay.status).toBe(400);
    const next = await call(server, 'POST', '/api/hotp/verify', { enrolmentId, code: codeAt(secret, 1) });
    expect(next.json()).toMatchObject({ ok: true, counter: 1, nextCounter: 2 });
  });

  it('looks ahead 10 counters and resynchronises', async () => {
    const { enrolmentId, secret } = await enrol('/hotp');
    const tooFar = await call(server, 'POST', '/api/hotp/verify', { enrolmentId, code: codeAt(secret, 11) });
    expect(tooFar.status).toBe(400);
    const ahead = await call(server, 'POST', '/api/hotp/verify', { enrolmentId, code: codeAt(secret, 10) });
    expect(ahead.json()).toMatchObject({ ok: true, counter: 10, nextCounter: 11 });
    const older = await call(server, 'POST', '/api/hotp/verify', { enrolmentId, code: codeAt(secret, 5) });
    expect(older.status).toBe(400);
  });
});
