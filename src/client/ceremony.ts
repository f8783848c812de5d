/**
 * The two WebAuthn client ceremonies: navigator.credentials.create() (WebAuthn L3 §5.1.3) and
 * .get() (§5.1.4), from a page's untrusted options to the JSON a PublicKeyCredential is built from.
 * The authenticator is reached through its port only; errors leave here as WebAuthnError names.
 */

import { isAuthenticatorError } from '../authenticator/errors.ts';
import type { Authenticator } from '../authenticator/ports.ts';
import { toBase64url, utf8 } from '../shared/bytes.ts';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '../shared/webauthn-json.ts';
import { clientDataHash, collectedClientData } from './client-data.ts';
import { WebAuthnError } from './errors.ts';
import { createExtensionResults, getExtensionResults } from './extension-results.ts';
import { parseCreationOptions, parseRequestOptions } from './parse-options.ts';
import { prfInputFor, prfSalts } from './prf.ts';
import type { CallerContext } from './types.ts';

/** Transports we report: the extension answers as a roaming (USB-like) security key would. */
const TRANSPORTS = ['usb'];

/** Thrown when the user hands the request to the browser's own authenticator. */
export class HandBackToBrowser extends Error {
  override readonly name = 'HandBackToBrowser';
}

export async function createCredential(
  input: unknown,
  caller: CallerContext,
  authenticator: Authenticator,
): Promise<RegistrationResponseJSON> {
  // §5.1.3 steps 1–11: option validation, RP ID check, algorithm list.
  const options = parseCreationOptions(input, caller);
  // The RP wants the platform's own authenticator (Touch ID, Windows Hello…): that is the browser's,
  // not a roaming key's, so the browser answers (§5.1.3 step 20: authenticators not matching
  // authenticatorAttachment are not used).
  if (options.authenticatorAttachment === 'platform')
    throw new HandBackToBrowser('platform authenticator requested');
  // §5.1.3 step 13–14: collectedClientData and its hash.
  const clientDataJSON = collectedClientData('webauthn.create', options.challenge, caller);
  const rk = options.residentKey !== 'discouraged';
  const { prf, largeBlob } = options.extensions;
  // WebAuthn L3 §10.1.5 (registration): "required" must fail when no authenticator can keep a blob.
  // Tapkey keeps blobs for discoverable credentials only (CTAP 2.1 §12.3 largeBlobKey), as Chrome
  // does: it answers NotAllowedError for a non-resident one (test/fixtures/extensions). The page
  // script hands such requests to the browser first; this is for a forged message.
  if (largeBlob?.support === 'required' && !rk) {
    throw new WebAuthnError(
      'NotAllowedError',
      'The operation either timed out or was not allowed. See: https://www.w3.org/TR/webauthn-2/#sctn-privacy-considerations-client.',
    );
  }
  try {
    const result = await authenticator.makeCredential({
      clientDataHash: clientDataHash(clientDataJSON),
      rp: options.rp,
      user: options.user,
      pubKeyCredParams: options.pubKeyCredParams.map((p) => p.alg),
      excludeList: options.excludeCredentials.map((c) => c.id),
      rk,
      uv: options.userVerification,
      // §5.1.3 step 20.4 (attestation conveyance): direct/enterprise get packed self attestation;
      // indirect may be anonymised by the client, and `none` is the most anonymous answer.
      attestation:
        options.attestation === 'direct' || options.attestation === 'enterprise' ? 'packed' : 'none',
      // §10.1.4 prf (registration): eval is evaluated at once, as hmac-secret-mc does in Chrome.
      ...(prf?.eval ? { hmacSecretSalts: prfSalts(prf.eval) } : {}),
      ...(largeBlob ? { largeBlobKey: true } : {}),
    });
    const id = toBase64url(result.credentialId);
    return {
      id,
      rawId: id,
      type: 'public-key',
      authenticatorAttachment: 'cross-platform',
      response: {
        clientDataJSON: toBase64url(utf8(clientDataJSON)),
        attestationObject: toBase64url(result.attestationObject),
        authenticatorData: toBase64url(result.authenticatorData),
        transports: TRANSPORTS,
        publicKey: toBase64url(result.publicKeySpki),
        publicKeyAlgorithm: result.publicKeyAlgorithm,
      },
      clientExtensionResults: createExtensionResults(options.extensions, result),
    };
  } catch (e) {
    throw mapAuthenticatorError(e);
  }
}

export async function getCredential(
  input: unknown,
  caller: CallerContext,
  authenticator: Authenticator,
): Promise<AuthenticationResponseJSON> {
  const options = parseRequestOptions(input, caller);
  const clientDataJSON = collectedClientData('webauthn.get', options.challenge, caller);
  const prfRequest = options.extensions.prf;
  try {
    const result = await authenticator.getAssertion({
      rpId: options.rpId,
      clientDataHash: clientDataHash(clientDataJSON),
      allowList: options.allowCredentials.map((c) => c.id),
      uv: options.userVerification,
      ...(prfRequest
        ? {
            hmacSecretSalts: (credentialId: Uint8Array) => {
              const input = prfInputFor(prfRequest, credentialId);
              return input && prfSalts(input);
            },
          }
        : {}),
      ...(options.extensions.largeBlob ? { largeBlob: options.extensions.largeBlob } : {}),
    });
    const id = toBase64url(result.credentialId);
    const response: AuthenticationResponseJSON['response'] = {
      clientDataJSON: toBase64url(utf8(clientDataJSON)),
      authenticatorData: toBase64url(result.authenticatorData),
      signature: toBase64url(result.signature),
    };
    if (result.userHandle && result.userHandle.length > 0)
      response.userHandle = toBase64url(result.userHandle);
    return {
      id,
      rawId: id,
      type: 'public-key',
      authenticatorAttachment: 'cross-platform',
      response,
      clientExtensionResults: getExtensionResults(options.extensions, result),
    };
  } catch (e) {
    throw mapAuthenticatorError(e);
  }
}

/**
 * Authenticator errors → what the page may learn (WebAuthn L3 §6.3.2 / §6.3.3 and §5.1.3 step 21):
 * only an excluded credential is InvalidStateError; everything else, including an unsupported
 * algorithm, is NotAllowedError, as Chrome answers, so pages cannot tell the reasons apart.
 */
function mapAuthenticatorError(e: unknown): Error {
  if (!isAuthenticatorError(e)) return e instanceof Error ? e : new Error(String(e));
  switch (e.code) {
    case 'USER_CHOSE_PLATFORM':
      return new HandBackToBrowser('the user chose the browser’s own authenticator');
    case 'CTAP2_ERR_CREDENTIAL_EXCLUDED':
      return new WebAuthnError(
        'InvalidStateError',
        'The authenticator already holds a credential for this account (excludeCredentials).',
      );
    case 'CTAP2_ERR_UNSUPPORTED_ALGORITHM':
      return new WebAuthnError('NotAllowedError', `No supported algorithm: ${e.message}.`);
    default:
      return new WebAuthnError(
        'NotAllowedError',
        'The operation either timed out or was not allowed. See: https://www.w3.org/TR/webauthn-2/#sctn-privacy-considerations-client.',
      );
  }
}
