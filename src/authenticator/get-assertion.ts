/** authenticatorGetAssertion, CTAP 2.1 §6.2.2, with the account choice and tap from the UserGate port. */
import { concat, equal } from '../shared/bytes.ts';
import { encodeAuthData } from './auth-data.ts';
import { AuthenticatorError } from './errors.ts';
import { hmacSecretOutputs } from './hmac-secret.ts';
import { sign } from './keys.ts';
import type { AuthenticatorPorts, GateExtension } from './ports.ts';
import { DEFAULT_PROFILE } from './profile.ts';
import type { GetAssertionParams, GetAssertionResult } from './types.ts';
import { requirePresence, requireVerification } from './user-checks.ts';

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
  const approval = await ports.gate.approveGetAssertion({
    rpId: params.rpId,
    candidates,
    uv: params.uv,
    ...(extensions.length > 0 ? { extensions } : {}),
  });
  const chosen = candidates.find((c) => equal(c.credentialId, approval.credentialId));
  if (!chosen)
    throw new AuthenticatorError('CTAP2_ERR_NO_CREDENTIALS', `no credential for ${params.rpId} was chosen`);
  // Steps 7 and 9: checked before the counter moves or anything is signed. A profile without UV
  // capability never reports UV, whatever the prompt did.
  const userVerified = approval.userVerified === true && profile.userVerification;
  requirePresence(approval);
  requireVerification({ ...approval, userVerified }, params.uv);

  const salts = params.hmacSecretSalts?.(chosen.credentialId);
  // The counter is read, incremented and written in one transaction before we sign with it; a large
  // blob written in this ceremony goes into the same transaction (WebAuthn L3 §10.1.5 write).
  const key = await ports.store.useForSigning(params.rpId, chosen.credentialId, ports.clock.now(), {
    ...(salts ? { prfSecrets: true } : {}),
    ...(params.largeBlob ? { largeBlob: params.largeBlob } : {}),
  });
  const authenticatorData = encodeAuthData({
    rpId: params.rpId,
    userPresent: approval.userPresent,
    userVerified,
    ...(profile.backupEligible ? { backupEligible: true } : {}),
    ...(profile.backupState ? { backupState: true } : {}),
    // §6.1.1: an authenticator without a counter reports 0 (a profile's `zero`).
    signCount: profile.counter === 'zero' ? 0 : key.signCount,
  });
  const signature = sign(key.alg, key.privateKey, concat(authenticatorData, params.clientDataHash));
  const result: GetAssertionResult = { credentialId: chosen.credentialId, authenticatorData, signature };
  // Step 12: user.id goes back for discoverable credentials; for allowList hits it is optional and we
  // send it too, since every stored credential knows its user handle and libraries expect it.
  result.userHandle = key.userHandle;
  // CTAP 2.1 §12.5: outputs for the chosen credential, if it has hmac-secret keys.
  if (salts && key.prfSecrets) {
    result.hmacSecretOutputs = hmacSecretOutputs(key.prfSecrets, userVerified, salts);
  }
  if (key.largeBlob) result.largeBlob = key.largeBlob;
  return result;
}
