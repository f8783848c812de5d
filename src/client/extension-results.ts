/**
 * Client extension outputs (WebAuthn L3 §9, AuthenticationExtensionsClientOutputsJSON) from what the
 * authenticator returned, shaped as Chrome shapes them (recorded in
 * test/fixtures/extensions/chrome-extensions.json): bytes as base64url, ArrayBuffers only in the page.
 */
import type { GetAssertionResult, MakeCredentialResult } from '../authenticator/types.ts';
import { toBase64url } from '../shared/bytes.ts';
import type { ClientExtensionResults, PrfResultsJSON } from '../shared/webauthn-json.ts';
import type { CreationOptions, RequestOptions } from './types.ts';

function prfResults(outputs: Uint8Array[]): PrfResultsJSON | undefined {
  const [first, second] = outputs;
  if (!first) return undefined;
  return second ? { first: toBase64url(first), second: toBase64url(second) } : { first: toBase64url(first) };
}

export function createExtensionResults(
  requested: CreationOptions['extensions'],
  result: Pick<MakeCredentialResult, 'residentKey' | 'hmacSecret' | 'hmacSecretOutputs' | 'largeBlob'>,
): ClientExtensionResults {
  const out: ClientExtensionResults = {};
  // §10.1.3 credProps: rk tells the RP whether the credential is discoverable.
  if (requested.credProps) out.credProps = { rk: result.residentKey };
  // §10.1.5 largeBlob (registration): whether the credential can hold a blob.
  if (requested.largeBlob) out.largeBlob = { supported: result.largeBlob };
  // §10.1.4 prf (registration): enabled, and results when eval was evaluated (hmac-secret-mc).
  if (requested.prf) {
    const results = result.hmacSecretOutputs && prfResults(result.hmacSecretOutputs);
    out.prf = results ? { enabled: result.hmacSecret, results } : { enabled: result.hmacSecret };
  }
  return out;
}

export function getExtensionResults(
  requested: RequestOptions['extensions'],
  result: Pick<GetAssertionResult, 'hmacSecretOutputs' | 'largeBlob'>,
): ClientExtensionResults {
  const out: ClientExtensionResults = {};
  // §10.1.4 prf (authentication): `prf: {}` when nothing was evaluated (no input for this credential,
  // or a credential without hmac-secret keys), as Chrome answers `prf: {}`.
  if (requested.prf) {
    const results = result.hmacSecretOutputs && prfResults(result.hmacSecretOutputs);
    out.prf = results ? { results } : {};
  }
  // §10.1.5 largeBlob (authentication): the blob when one is stored, `{}` when none; written or not.
  if (requested.largeBlob) {
    const outcome = result.largeBlob ?? ('read' in requested.largeBlob ? {} : { written: false });
    if ('written' in outcome) out.largeBlob = { written: outcome.written };
    else out.largeBlob = outcome.blob ? { blob: toBase64url(outcome.blob) } : {};
  }
  return out;
}
