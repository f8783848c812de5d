/** authenticatorGetAssertion, CTAP 2.1 §6.2.2, with the account choice and tap from the UserGate port. */
import { concat, equal } from '../shared/bytes.ts';
import { encodeAuthData } from './auth-data.ts';
import { AuthenticatorError } from './errors.ts';
import { hmacSecretOutputs } from './hmac-secret.ts';
import { sign } from './keys.ts';
import { nextTask } from './next-task.ts';
import type { AuthenticatorPorts, CredentialSummary, GateExtension, SigningKey } from './ports.ts';
import { type AuthenticatorProfile, DEFAULT_PROFILE } from './profile.ts';
import type { GetAssertionParams, GetAssertionResult } from './types.ts';
import { requirePresence, requireVerification } from './user-checks.ts';

/** A response signed while the user decided, and the flag it carries. */
interface SignedAhead {
  result: GetAssertionResult;
  userVerified: boolean;
  signCount: number;
}

/** The response for `key` with the flags the approval gave: authenticator data, signature, extensions. */
function assertion(
  params: GetAssertionParams,
  profile: AuthenticatorProfile,
  credentialId: Uint8Array,
  key: SigningKey,
  userVerified: boolean,
): GetAssertionResult {
  const authenticatorData = encodeAuthData({
    rpId: params.rpId,
    // Only ever built for an approval that passed requirePresence.
    userPresent: true,
    userVerified,
    ...(profile.backupEligible ? { backupEligible: true } : {}),
    ...(profile.backupState ? { backupState: true } : {}),
    // §6.1.1: an authenticator without a counter reports 0 (a profile's `zero`).
    signCount: profile.counter === 'zero' ? 0 : key.signCount,
  });
  const signature = sign(key.alg, key.privateKey, concat(authenticatorData, params.clientDataHash));
  // Step 12: user.id goes back for discoverable credentials; for allowList hits it is optional and we
  // send it too, since every stored credential knows its user handle and libraries expect it.
  const result: GetAssertionResult = {
    credentialId,
    authenticatorData,
    signature,
    userHandle: key.userHandle,
  };
  // CTAP 2.1 §12.5: outputs for the chosen credential, if it has hmac-secret keys.
  const salts = params.hmacSecretSalts?.(credentialId);
  if (salts && key.prfSecrets)
    result.hmacSecretOutputs = hmacSecretOutputs(key.prfSecrets, userVerified, salts);
  if (key.largeBlob) result.largeBlob = key.largeBlob;
  return result;
}

/**
 * While the user looks at the prompt, the one credential it offers is signed with the flags an
 * approval will carry and a counter value held for it, so Approve costs no unsealing and no signature.
 * Not for a large blob to write (a state change only an approval may make), not when the gate cannot
 * say whether it will verify the user, and never a failure: anything unusual signs after the approval.
 */
async function signAhead(
  params: GetAssertionParams,
  profile: AuthenticatorProfile,
  ports: AuthenticatorPorts,
  only: CredentialSummary,
): Promise<SignedAhead | undefined> {
  const { store, gate } = ports;
  if (!store.holdForSigning || !store.useHeld || !gate.willVerify) return undefined;
  if (params.largeBlob && 'write' in params.largeBlob) return undefined;
  try {
    // After the prompt's own first steps (the window's placement is asked of the browser meanwhile).
    await nextTask();
    const userVerified = (await gate.willVerify(params.uv)) && profile.userVerification;
    const salts = params.hmacSecretSalts?.(only.credentialId);
    const key = await store.holdForSigning(params.rpId, only.credentialId, {
      ...(salts ? { prfSecrets: true } : {}),
      ...(params.largeBlob ? { largeBlob: params.largeBlob } : {}),
    });
    if (!key) return undefined;
    const result = assertion(params, profile, only.credentialId, key, userVerified);
    return { result, userVerified, signCount: key.signCount };
  } catch {
    return undefined;
  }
}

export async function getAssertion(
  params: GetAssertionParams,
  ports: AuthenticatorPorts,
): Promise<GetAssertionResult> {
  const profile = ports.profile ?? DEFAULT_PROFILE;
  // Step 7: locate credentials, from allowList or among the RP's discoverable ones. A profile
  // without resident keys (a U2F key) keeps none, so it finds none, whatever other profiles made.
  const candidates =
    params.allowList.length > 0
      ? await ports.store.findByIds(params.rpId, params.allowList, 'sign-in')
      : profile.residentKeys
        ? await ports.store.listDiscoverable(params.rpId)
        : [];

  // Even with no credential the user sees a prompt first (and can hand the request to the
  // browser): answering at once would let a site learn silently that this key holds nothing.
  const extensions: GateExtension[] = [];
  if (params.hmacSecretSalts) extensions.push('prf');
  if (params.largeBlob) extensions.push('read' in params.largeBlob ? 'largeBlob-read' : 'largeBlob-write');
  const asked = ports.gate.approveGetAssertion({
    rpId: params.rpId,
    candidates,
    uv: params.uv,
    ...(extensions.length > 0 ? { extensions } : {}),
  });
  // Started once the prompt is asked for, so it never delays it.
  const ahead = candidates.length === 1 ? signAhead(params, profile, ports, candidates[0]!) : undefined;
  const approval = await asked;
  const chosen = candidates.find((c) => equal(c.credentialId, approval.credentialId));
  if (!chosen)
    throw new AuthenticatorError('CTAP2_ERR_NO_CREDENTIALS', `no credential for ${params.rpId} was chosen`);
  // Steps 7 and 9: checked before the counter moves or anything is signed. A profile without UV
  // capability never reports UV, whatever the prompt did.
  const userVerified = approval.userVerified === true && profile.userVerification;
  requirePresence(approval);
  requireVerification({ ...approval, userVerified }, params.uv);

  const now = ports.clock.now();
  const signed = await ahead;
  // The response signed ahead goes only for the credential it was made for, with the flag the
  // approval carries, and only while its counter value is still the credential's latest.
  if (
    signed &&
    equal(signed.result.credentialId, chosen.credentialId) &&
    signed.userVerified === userVerified &&
    ports.store.useHeld?.(params.rpId, chosen.credentialId, signed.signCount, now)
  ) {
    return signed.result;
  }
  const salts = params.hmacSecretSalts?.(chosen.credentialId);
  // The counter is read, incremented and written in one transaction before we sign with it; a large
  // blob written in this ceremony goes into the same transaction (WebAuthn L3 §10.1.5 write).
  const key = await ports.store.useForSigning(params.rpId, chosen.credentialId, now, {
    ...(salts ? { prfSecrets: true } : {}),
    ...(params.largeBlob ? { largeBlob: params.largeBlob } : {}),
  });
  return assertion(params, profile, chosen.credentialId, key, userVerified);
}
