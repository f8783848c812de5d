/** authenticatorMakeCredential, CTAP 2.1 §6.1.2, with the user's tap from the UserGate port. */
import { AAGUID } from './aaguid.ts';
import { attestationObject } from './attestation.ts';
import { encodeAuthData } from './auth-data.ts';
import { coseKey } from './cose.ts';
import { AuthenticatorError } from './errors.ts';
import { hmacSecretOutputs, newPrfSecrets } from './hmac-secret.ts';
import { generateKeyPair, isSupportedAlg, KEY_SEED_LENGTH, spki } from './keys.ts';
import type { AuthenticatorPorts, GateExtension } from './ports.ts';
import type { MakeCredentialParams, MakeCredentialResult } from './types.ts';
import { requirePresence, requireVerification } from './user-checks.ts';

const CREDENTIAL_ID_LENGTH = 32;

export async function makeCredential(
  params: MakeCredentialParams,
  ports: AuthenticatorPorts,
): Promise<MakeCredentialResult> {
  // CTAP 2.1 §6.1.2 step 3: the first algorithm in the RP's order that we support wins.
  const alg = params.pubKeyCredParams.find(isSupportedAlg);
  if (alg === undefined) {
    throw new AuthenticatorError(
      'CTAP2_ERR_UNSUPPORTED_ALGORITHM',
      `none of the requested algorithms [${params.pubKeyCredParams.join(', ')}] is supported (ES256 -7, EdDSA -8)`,
    );
  }

  // Step 11: an excluded credential is reported only after the user's tap, so a site cannot
  // probe silently which keys a person holds.
  const excluded =
    params.excludeList.length > 0 &&
    (await ports.store.findByIds(params.rp.id, params.excludeList, 'exclude')).length > 0;

  const extensions: GateExtension[] = [];
  if (params.hmacSecretSalts) extensions.push('prf');
  if (params.largeBlobKey && params.rk) extensions.push('largeBlob-store');
  const approval = await ports.gate.approveMakeCredential({
    rp: params.rp,
    user: { name: params.user.name, displayName: params.user.displayName },
    uv: params.uv,
    excluded,
    ...(extensions.length > 0 ? { extensions } : {}),
  });
  // Step 14: no tap, no answer at all; not even "excluded", which CTAP also tells only after a tap.
  requirePresence(approval);
  if (excluded) {
    throw new AuthenticatorError(
      'CTAP2_ERR_CREDENTIAL_EXCLUDED',
      'this key already holds a credential for this account',
    );
  }
  requireVerification(approval, params.uv);

  const keyPair = generateKeyPair(alg, ports.random.bytes(KEY_SEED_LENGTH));
  const credentialId = ports.random.bytes(CREDENTIAL_ID_LENGTH);
  // CTAP 2.1 §12.5: every credential gets its hmac-secret keys, asked for or not, so an RP can start
  // using PRF later (as security keys that always make CredRandom do).
  const prfSecrets = newPrfSecrets(ports.random);
  // CTAP 2.1 §12.3 largeBlobKey is for discoverable credentials only (and Chrome refuses largeBlob
  // "required" for a non-resident one: test/fixtures/extensions/chrome-extensions.json).
  const largeBlob = params.largeBlobKey === true && params.rk;
  // hmac-secret-mc: evaluated under the key that matches this ceremony's UV, as a get would.
  const hmacSecretOutputsAtCreate =
    params.hmacSecretSalts === undefined
      ? undefined
      : hmacSecretOutputs(prfSecrets, approval.userVerified, params.hmacSecretSalts);
  const credentialPublicKey = coseKey(alg, keyPair.publicKey);
  const authenticatorData = encodeAuthData({
    rpId: params.rp.id,
    userPresent: approval.userPresent,
    userVerified: approval.userVerified,
    signCount: 0,
    attestedCredentialData: { aaguid: AAGUID, credentialId, credentialPublicKey },
  });
  const now = ports.clock.now();
  await ports.store.add({
    credentialId,
    rpId: params.rp.id,
    rpName: params.rp.name,
    userHandle: params.user.id,
    userName: params.user.name,
    userDisplayName: params.user.displayName,
    discoverable: params.rk,
    alg,
    signCount: 0,
    createdAt: now,
    lastUsedAt: null,
    privateKey: keyPair.privateKey,
    publicKeyCose: credentialPublicKey,
    prfSecrets,
    largeBlob,
  });

  return {
    credentialId,
    authenticatorData,
    attestationObject: attestationObject({
      format: params.attestation,
      authData: authenticatorData,
      clientDataHash: params.clientDataHash,
      alg,
      privateKey: keyPair.privateKey,
    }),
    publicKeySpki: spki(alg, keyPair.publicKey),
    publicKeyAlgorithm: alg,
    residentKey: params.rk,
    hmacSecret: true,
    ...(hmacSecretOutputsAtCreate ? { hmacSecretOutputs: hmacSecretOutputsAtCreate } : {}),
    largeBlob,
  };
}
