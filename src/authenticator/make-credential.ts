/** authenticatorMakeCredential, CTAP 2.1 §6.1.2, with the user's tap from the UserGate port. */
import { type AttestationInput, attestationObject } from './attestation.ts';
import { encodeAuthData } from './auth-data.ts';
import { coseKey } from './cose.ts';
import { AuthenticatorError } from './errors.ts';
import { hmacSecretOutputs, newPrfSecrets } from './hmac-secret.ts';
import {
  generateKeyPair,
  KEY_SEED_LENGTH,
  type KeyPair,
  rsaKeyPair,
  type SupportedAlg,
  spki,
} from './keys.ts';
import { nextTask } from './next-task.ts';
import type { AuthenticatorPorts, GateExtension, NewCredential } from './ports.ts';
import { type AuthenticatorProfile, DEFAULT_PROFILE } from './profile.ts';
import { COSE_ALG, type MakeCredentialParams, type MakeCredentialResult } from './types.ts';
import { requirePresence, requireVerification } from './user-checks.ts';

const CREDENTIAL_ID_LENGTH = 32;

export async function makeCredential(
  params: MakeCredentialParams,
  ports: AuthenticatorPorts,
): Promise<MakeCredentialResult> {
  const profile = ports.profile ?? DEFAULT_PROFILE;
  // CTAP 2.1 §6.1.2 step 3: the first algorithm in the RP's order that we support wins.
  const alg = params.pubKeyCredParams.find((a): a is SupportedAlg => profile.algorithms.some((o) => o === a));
  if (alg === undefined) {
    throw new AuthenticatorError(
      'CTAP2_ERR_UNSUPPORTED_ALGORITHM',
      `none of the requested algorithms [${params.pubKeyCredParams.join(', ')}] is supported (${profile.algorithms.join(', ')})`,
    );
  }
  // Step 5: options this authenticator does not have (a workbench profile without them).
  if (params.rk && !profile.residentKeys)
    throw new AuthenticatorError('CTAP2_ERR_UNSUPPORTED_OPTION', 'this authenticator keeps no resident keys');
  if (params.uv === 'required' && !profile.userVerification)
    throw new AuthenticatorError('CTAP2_ERR_UNSUPPORTED_OPTION', 'this authenticator cannot verify the user');

  // Step 11: an excluded credential is reported only after the user's tap, so a site cannot
  // probe silently which keys a person holds.
  const excluded =
    params.excludeList.length > 0 &&
    (await ports.store.findByIds(params.rp.id, params.excludeList, 'exclude')).length > 0;

  const extensions: GateExtension[] = [];
  if (params.hmacSecretSalts) extensions.push('prf');
  if (params.largeBlobKey && params.rk) extensions.push('largeBlob-store');
  const asked = ports.gate.approveMakeCredential({
    rp: params.rp,
    user: { name: params.user.name, displayName: params.user.displayName },
    uv: params.uv,
    excluded,
    ...(extensions.length > 0 ? { extensions } : {}),
  });
  // While the user decides, a store that can stage makes the credential and puts it on disk unseen
  // (started once the prompt is asked for, so it never delays it): Approve then needs no disk write
  // before the page hears back. Never for an excluded one, which the approval only acknowledges.
  const staging = excluded || !ports.store.stage ? undefined : stageCredential(params, alg, ports);
  let committed = false;
  try {
    const approval = await asked;
    // Step 14: no tap, no answer at all; not even "excluded", which CTAP also tells only after a tap.
    requirePresence(approval);
    if (excluded) {
      throw new AuthenticatorError(
        'CTAP2_ERR_CREDENTIAL_EXCLUDED',
        'this key already holds a credential for this account',
      );
    }
    const userVerified = approval.userVerified === true && profile.userVerification;
    requireVerification({ ...approval, userVerified }, params.uv);

    const prepared = (await staging) ?? { ...(await newCredential(params, alg, ports)), staged: false };
    const { credential, keyPair } = prepared;
    const { credentialId, prfSecrets } = credential;
    // A staged credential becomes one in a transaction opened before the page hears back; one that
    // could not be staged (or kept: the vault key changed meanwhile) is stored the usual way.
    committed = prepared.staged && (await ports.store.commitStaged?.(credentialId)) === true;
    if (!committed) {
      await ports.store.add(credential);
      committed = true;
    }
    // CTAP 2.1 §12.3 largeBlobKey is for discoverable credentials only (and Chrome refuses largeBlob
    // "required" for a non-resident one: test/fixtures/extensions/chrome-extensions.json).
    const largeBlob = credential.largeBlob === true;
    // hmac-secret-mc: evaluated under the key that matches this ceremony's UV, as a get would.
    const hmacSecretOutputsAtCreate =
      params.hmacSecretSalts === undefined || !prfSecrets
        ? undefined
        : hmacSecretOutputs(prfSecrets, userVerified, params.hmacSecretSalts);
    const authenticatorData = encodeAuthData({
      rpId: params.rp.id,
      userPresent: approval.userPresent,
      userVerified,
      ...(profile.backupEligible ? { backupEligible: true } : {}),
      ...(profile.backupState ? { backupState: true } : {}),
      signCount: 0,
      attestedCredentialData: {
        aaguid: profile.aaguid,
        credentialId,
        credentialPublicKey: credential.publicKeyCose,
      },
    });

    return {
      credentialId,
      authenticatorData,
      attestationObject: attestationObject(
        attestationInput(params, profile, {
          authData: authenticatorData,
          clientDataHash: params.clientDataHash,
          alg,
          privateKey: keyPair.privateKey,
          u2f: { credentialId, publicKey: keyPair.publicKey },
        }),
      ),
      publicKeySpki: spki(alg, keyPair.publicKey),
      publicKeyAlgorithm: alg,
      residentKey: params.rk,
      hmacSecret: true,
      ...(hmacSecretOutputsAtCreate ? { hmacSecretOutputs: hmacSecretOutputsAtCreate } : {}),
      largeBlob,
    };
  } finally {
    // Refused, or failed before it was kept: a staged credential is forgotten.
    if (!committed && staging) {
      void staging.then((p) => p?.staged && ports.store.discardStaged?.(p.credential.credentialId));
    }
  }
}

/** A new credential's record (what the store keeps) and its key pair (for the attestation). */
interface Prepared {
  credential: NewCredential;
  keyPair: KeyPair;
}

async function newCredential(
  params: MakeCredentialParams,
  alg: SupportedAlg,
  ports: AuthenticatorPorts,
): Promise<Prepared> {
  const keyPair = await newKeyPair(alg, ports);
  const credentialId = ports.random.bytes(CREDENTIAL_ID_LENGTH);
  // CTAP 2.1 §12.5: every credential gets its hmac-secret keys, asked for or not, so an RP can start
  // using PRF later (as security keys that always make CredRandom do).
  const prfSecrets = newPrfSecrets(ports.random);
  const credential: NewCredential = {
    credentialId,
    rpId: params.rp.id,
    rpName: params.rp.name,
    userHandle: params.user.id,
    userName: params.user.name,
    userDisplayName: params.user.displayName,
    discoverable: params.rk,
    alg,
    signCount: 0,
    createdAt: ports.clock.now(),
    lastUsedAt: null,
    privateKey: keyPair.privateKey,
    publicKeyCose: coseKey(alg, keyPair.publicKey),
    prfSecrets,
    largeBlob: params.largeBlobKey === true && params.rk,
  };
  return { credential, keyPair };
}

/** The new credential, staged in the store when it can (undefined on any failure: made after the approval). */
async function stageCredential(
  params: MakeCredentialParams,
  alg: SupportedAlg,
  ports: AuthenticatorPorts,
): Promise<(Prepared & { staged: boolean }) | undefined> {
  try {
    // After the prompt's own first steps: the key pair is a millisecond of work its window need not wait for.
    await nextTask();
    const prepared = await newCredential(params, alg, ports);
    const staged = (await ports.store.stage?.(prepared.credential)) === true;
    return { ...prepared, staged };
  } catch {
    return undefined;
  }
}

/** ES256 and EdDSA keys from the Random port; RS256 keys (test profiles only) from the rsaKey port. */
async function newKeyPair(alg: SupportedAlg, ports: AuthenticatorPorts): Promise<KeyPair> {
  if (alg !== COSE_ALG.RS256) return generateKeyPair(alg, ports.random.bytes(KEY_SEED_LENGTH));
  if (!ports.rsaKey) throw new AuthenticatorError('CTAP2_ERR_UNSUPPORTED_ALGORITHM', 'no RS256 key source');
  return rsaKeyPair(await ports.rsaKey());
}

/**
 * The statement the profile attests with, when the client asked for attestation at all (`none` when
 * it did not, WebAuthn L3 §5.1.3 step 20.4). fido-u2f needs an ES256 credential (§8.6 step 1).
 */
function attestationInput(
  params: MakeCredentialParams,
  profile: AuthenticatorProfile,
  input: Omit<AttestationInput, 'format'>,
): AttestationInput {
  const attestation = profile.attestation;
  if (params.attestation === 'none' || attestation.format === 'none') return { ...input, format: 'none' };
  if (!('certificate' in attestation)) return { ...input, format: 'packed' };
  if (attestation.format === 'fido-u2f' && input.alg !== COSE_ALG.ES256) return { ...input, format: 'none' };
  return { ...input, format: attestation.format, certificate: attestation.certificate };
}
