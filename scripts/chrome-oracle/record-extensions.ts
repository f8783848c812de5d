/**
 * Records what Chrome itself does for the `prf` and `largeBlob` extensions with its CDP virtual
 * authenticator (ctap2, usb, resident keys, UV, hasPrf, hasLargeBlob): the client extension results
 * the page sees, toJSON() of the credential, and whether the RP-visible authenticator data carries
 * extension outputs (ED flag, CBOR map). Writes test/fixtures/extensions/chrome-extensions.json.
 *
 *   npx tsx scripts/chrome-oracle/record-extensions.ts   (CHROMIUM_PATH overrides /usr/bin/chromium)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { decode, decodeMultiple } from 'cbor-x';
import { startDemoServer } from '../../demo/server.ts';
import { VIRTUAL_AUTHENTICATOR_OPTIONS } from '../virtual-authenticator-options.ts';

const OUT = resolve(import.meta.dirname, '../../test/fixtures/extensions/chrome-extensions.json');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags byte and the extension map (if any) of authenticator data, as hex/JSON. */
function describeAuthData(b64url: string): unknown {
  const data = Buffer.from(b64url, 'base64url');
  const flags = data[32]!;
  const out: Record<string, unknown> = {
    flags: flags.toString(16),
    ED: (flags & 0x80) !== 0,
    AT: (flags & 0x40) !== 0,
  };
  let offset = 37;
  if (flags & 0x40) {
    const idLen = data.readUInt16BE(offset + 16);
    offset += 18 + idLen;
    // Skip the COSE key: decode it alone by trying successive prefixes is slow; use decodeMultiple.
    const rest = data.subarray(offset);
    const items: unknown[] = [];
    decodeMultiple(rest, (v: unknown) => {
      items.push(v);
    });
    if (items.length > 1) out.extensions = describe(items[1]);
    return out;
  }
  if (flags & 0x80) out.extensions = describe(decode(data.subarray(offset)));
  return out;
}

function describe(v: unknown): unknown {
  if (v instanceof Uint8Array) return { bytes: v.length };
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [String(k), describe(x)]));
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, describe(x)]));
  return v;
}

async function main(): Promise<void> {
  const server = await startDemoServer({ port: 0 });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  const page = await browser.newPage();
  await page.goto(`${server.url}/pages/blank.html`);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const results: Record<string, unknown> = {};
  for (const [label, extra] of [['prf+largeBlob', { hasPrf: true, hasLargeBlob: true }]] as const) {
    const { authenticatorId } = (await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { ...VIRTUAL_AUTHENTICATOR_OPTIONS, ctap2Version: 'ctap2_1', hasCredBlob: false, ...extra },
    })) as { authenticatorId: string };
    const run = (script: string): Promise<unknown> =>
      page.evaluate(`(async () => {
        const b64u = (b) => btoa(String.fromCharCode(...new Uint8Array(b))).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
        const describeResults = (r) => {
          if (r instanceof ArrayBuffer) return { ArrayBuffer: r.byteLength, b64u: b64u(r) };
          if (ArrayBuffer.isView(r)) return { view: r.constructor.name };
          if (r && typeof r === 'object') return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, describeResults(v)]));
          return r;
        };
        try {
          const cred = await ${script};
          const json = cred.toJSON();
          return { ok: true, ext: describeResults(cred.getClientExtensionResults()), json: json.clientExtensionResults, authData: json.response.authenticatorData, id: cred.id };
        } catch (e) {
          return { ok: false, error: e.name + ': ' + e.message };
        }
      })()`);
    const enc = (t: string) => `new TextEncoder().encode(${JSON.stringify(t)})`;
    const create = (rk: string, ext: string) =>
      `navigator.credentials.create({publicKey:{rp:{name:'x'},user:{id:new Uint8Array(4),name:'u',displayName:'u'},challenge:new Uint8Array(16),pubKeyCredParams:[{type:'public-key',alg:-7}],authenticatorSelection:{residentKey:'${rk}',userVerification:'preferred'},extensions:${ext}}})`;
    const cases: [string, string][] = [
      ['create prf {}', create('required', '{prf:{}}')],
      ['create prf eval', create('required', `{prf:{eval:{first:${enc('a')}}}}`)],
      [
        'create prf eval first+second',
        create('required', `{prf:{eval:{first:${enc('a')},second:${enc('b')}}}}`),
      ],
      ['create largeBlob preferred rk', create('required', `{largeBlob:{support:'preferred'}}`)],
      ['create largeBlob required rk', create('required', `{largeBlob:{support:'required'}}`)],
      ['create largeBlob preferred non-rk', create('discouraged', `{largeBlob:{support:'preferred'}}`)],
      ['create largeBlob required non-rk', create('discouraged', `{largeBlob:{support:'required'}}`)],
      ['create largeBlob {} rk', create('required', `{largeBlob:{}}`)],
      ['create prf non-rk', create('discouraged', `{prf:{}}`)],
      ['create none', create('required', '{}')],
      ['create prf+largeBlob rk', create('required', `{prf:{},largeBlob:{support:'required'}}`)],
    ];
    const out: Record<string, unknown> = {};
    let lastId = '';
    for (const [name, script] of cases) {
      const r = (await run(script)) as { ok: boolean; authData?: string; id?: string };
      if (r.authData) (r as Record<string, unknown>).authDataInfo = describeAuthData(r.authData);
      delete r.authData;
      if (r.id && name === 'create prf+largeBlob rk') lastId = r.id;
      delete r.id;
      out[name] = r;
    }
    const idBytes = `Uint8Array.from(atob('${lastId}'.replace(/-/g,'+').replace(/_/g,'/')),c=>c.charCodeAt(0))`;
    const get = (ext: string, allow = true) =>
      `navigator.credentials.get({publicKey:{challenge:new Uint8Array(16),userVerification:'preferred',${allow ? `allowCredentials:[{type:'public-key',id:${idBytes}}],` : ''}extensions:${ext}}})`;
    const getCases: [string, string][] = [
      ['get prf eval', get(`{prf:{eval:{first:${enc('a')}}}}`)],
      ['get prf eval again', get(`{prf:{eval:{first:${enc('a')}}}}`)],
      ['get prf eval first+second', get(`{prf:{eval:{first:${enc('a')},second:${enc('b')}}}}`)],
      ['get prf {}', get(`{prf:{}}`)],
      ['get prf evalByCredential', get(`{prf:{evalByCredential:{'${lastId}':{first:${enc('a')}}}}}`)],
      ['get largeBlob read (empty)', get(`{largeBlob:{read:true}}`)],
      ['get largeBlob write', get(`{largeBlob:{write:${enc('hello blob')}}}`)],
      ['get largeBlob read', get(`{largeBlob:{read:true}}`)],
      ['get largeBlob read false', get(`{largeBlob:{read:false}}`)],
      ['get largeBlob write empty', get(`{largeBlob:{write:new Uint8Array(0)}}`)],
      ['get largeBlob read after empty write', get(`{largeBlob:{read:true}}`)],
      ['get none', get('{}')],
    ];
    for (const [name, script] of getCases) {
      const r = (await run(script)) as { ok: boolean; authData?: string; id?: string };
      if (r.authData) (r as Record<string, unknown>).authDataInfo = describeAuthData(r.authData);
      delete r.authData;
      delete r.id;
      out[name] = r;
    }
    results[label] = out;
    await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId });
  }
  mkdirSync(resolve(OUT, '..'), { recursive: true });
  writeFileSync(
    OUT,
    `${JSON.stringify({ source: 'scripts/chrome-oracle/record-extensions.ts', chromium: browser.version(), recordedAt: new Date().toISOString().slice(0, 10), results }, null, 2)}\n`,
  );
  await browser.close();
  await server.close();
}

await main();
