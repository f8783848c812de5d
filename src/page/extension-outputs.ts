/**
 * getClientExtensionResults() as Chrome returns it: the JSON outputs with their bytes as ArrayBuffers
 * (WebAuthn L3 §10.1.4 prf `results.first`/`second`, §10.1.5 largeBlob `blob`). toJSON() keeps the
 * base64url form, as Chrome's AuthenticationExtensionsClientOutputsJSON does
 * (test/fixtures/extensions/chrome-extensions.json). A fresh object every call, so a page cannot
 * alter what the next caller sees.
 */
import { fromBase64url, toArrayBuffer } from '../shared/bytes.ts';
import type { ClientExtensionResults } from '../shared/webauthn-json.ts';

const buffer = (b64: string): ArrayBuffer => toArrayBuffer(fromBase64url(b64));

export function clientExtensionOutputs(json: ClientExtensionResults): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (json.credProps) out.credProps = { ...json.credProps };
  if (json.prf) {
    const prf: Record<string, unknown> = {};
    if (json.prf.enabled !== undefined) prf.enabled = json.prf.enabled;
    if (json.prf.results) {
      const results: Record<string, ArrayBuffer> = { first: buffer(json.prf.results.first) };
      if (json.prf.results.second !== undefined) results.second = buffer(json.prf.results.second);
      prf.results = results;
    }
    out.prf = prf;
  }
  if (json.largeBlob) {
    const largeBlob: Record<string, unknown> = {};
    if (json.largeBlob.supported !== undefined) largeBlob.supported = json.largeBlob.supported;
    if (json.largeBlob.blob !== undefined) largeBlob.blob = buffer(json.largeBlob.blob);
    if (json.largeBlob.written !== undefined) largeBlob.written = json.largeBlob.written;
    out.largeBlob = largeBlob;
  }
  return out;
}
