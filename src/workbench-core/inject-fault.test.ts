/**
 * Every response fault is real: a relying party that nobody here wrote (@simplewebauthn/server 14,
 * what the demo relying party runs) accepts the untouched response and refuses the faulty one, for
 * the reason the fault is about. The responses come from Tapkey's own client and authenticator on
 * fake ports, as in src/client/ceremony.test.ts.
 */
import {
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { describe, expect, it } from 'vitest';
import { createAuthenticator } from '../authenticator/create-authenticator.ts';
import { sign } from '../authenticator/keys.ts';
import { approvingGate, fakePorts } from '../authenticator/testing/fakes.ts';
import { createCredential, getCredential } from '../client/ceremony.ts';
import type { CallerContext } from '../client/types.ts';
import { toBase64url } from '../shared/bytes.ts';
import type {
  AuthenticationResponseJSON as TapkeyAssertion,
  RegistrationResponseJSON as TapkeyRegistration,
} from '../shared/webauthn-json.ts';
import { decodeAuthData } from './auth-data.ts';
import type { FaultSpec } from './fault-spec.ts';
import { injectFault } from './inject-fault.ts';

const ORIGIN = 'https://login.example.com';
const RP_ID = 'example.com';
const caller: CallerContext = { origin: ORIGIN, sameOriginWithAncestors: true };
const challenge = toBase64url(new Uint8Array(32).fill(7));

/** A user who registered and signed in once, so the relying party holds counter 1. */
async function registeredUser(attestation: 'none' | 'direct', alg = -7) {
  const ports = fakePorts({
    gate: approvingGate({ create: () => ({ userPresent: true, userVerified: true }) }),
  });
  const authenticator = createAuthenticator({
    ...ports,
    gate: approvingGate({
      create: () => ({ userPresent: true, userVerified: true }),
      get: (r) => ({ credentialId: r.candidates[0]!.credentialId, userPresent: true, userVerified: true }),
    }),
  });
  const registration = await createCredential(
    {
      rp: { id: RP_ID, name: 'Example' },
      user: { id: toBase64url(new TextEncoder().encode('user-1')), name: 'alice', displayName: 'Alice' },
      challenge,
      pubKeyCredParams: [{ type: 'public-key', alg }],
      attestation,
    },
    caller,
    authenticator,
  );
  const record = [...ports.store.records.values()][0]!;
  const signer = (message: Uint8Array) => sign(record.alg, record.privateKey, message);
  const signIn = () =>
    getCredential(
      { challenge, rpId: RP_ID, allowCredentials: [{ type: 'public-key', id: registration.id }] },
      caller,
      authenticator,
    );
  return { registration, signer, signIn };
}

/** The relying party's verdict: "verified", "not verified" (bad signature), or its error message. */
function verdict(run: () => Promise<{ verified: boolean }>): Promise<string> {
  return run().then(
    (result) => (result.verified ? 'verified' : 'not verified'),
    (e: unknown) => (e instanceof Error ? e.message : String(e)),
  );
}

const verifyRegistration = (response: TapkeyRegistration) =>
  verdict(() =>
    verifyRegistrationResponse({
      response: response as unknown as RegistrationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: ORIGIN,
      expectedRPID: RP_ID,
      requireUserVerification: true,
    }),
  );

async function publicKeyOf(registration: TapkeyRegistration) {
  const verified = await verifyRegistrationResponse({
    response: registration as unknown as RegistrationResponseJSON,
    expectedChallenge: challenge,
    expectedOrigin: ORIGIN,
    expectedRPID: RP_ID,
  });
  return verified.registrationInfo!.credential;
}

const verifyAssertion = async (
  registration: TapkeyRegistration,
  response: TapkeyAssertion,
  counter: number,
) => {
  const credential = { ...(await publicKeyOf(registration)), counter };
  return verdict(() =>
    verifyAuthenticationResponse({
      response: response as unknown as AuthenticationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: ORIGIN,
      expectedRPID: RP_ID,
      credential,
      requireUserVerification: true,
    }),
  );
};

/**
 * Each registration fault and what @simplewebauthn/server says when it refuses it (its CBOR decoder,
 * tiny-cbor, says "Invalid keyData" for a byte string cut short).
 */
const REGISTRATION_FAULTS: [FaultSpec, RegExp][] = [
  [{ type: 'wrong-rp-id-hash' }, /Unexpected RP ID hash/],
  [{ type: 'clear-up' }, /user was not present/],
  [{ type: 'clear-uv' }, /User verification was required/],
  [{ type: 'bad-signature' }, /^not verified$/],
  [{ type: 'malformed-cbor' }, /Invalid keyData/],
  [{ type: 'wrong-challenge' }, /Unexpected registration response challenge/],
  [{ type: 'wrong-origin' }, /Unexpected registration response origin "https:\/\/wrong-origin.example"/],
  [{ type: 'no-attested-credential-data' }, /No credential ID was provided/],
];

/** Each sign-in fault and what @simplewebauthn/server says, with counter 1 stored from the sign-in before. */
const ASSERTION_FAULTS: [FaultSpec, RegExp][] = [
  [{ type: 'counter-frozen' }, /Response counter value 1 was lower than expected 1/],
  [{ type: 'counter-rollback', by: 1 }, /Response counter value 0 was lower than expected 1/],
  [{ type: 'wrong-rp-id-hash' }, /Unexpected RP ID hash/],
  [{ type: 'clear-up' }, /User not present/],
  [{ type: 'clear-uv' }, /User verification required/],
  [{ type: 'bad-signature' }, /^not verified$/],
  [{ type: 'malformed-cbor' }, /Map is not supported or well formed/],
  [{ type: 'wrong-challenge' }, /Unexpected authentication response challenge/],
  [{ type: 'wrong-origin' }, /Unexpected authentication response origin "https:\/\/wrong-origin.example"/],
];

describe('faults at registration, refused by @simplewebauthn/server', () => {
  for (const alg of [-7, -8]) {
    it(`accepts the untouched response (alg ${alg}, packed)`, async () => {
      const { registration } = await registeredUser('direct', alg);
      expect(await verifyRegistration(registration)).toBe('verified');
    });
    for (const [spec, refusal] of REGISTRATION_FAULTS) {
      it(`refuses ${spec.type} (alg ${alg}, packed self attestation)`, async () => {
        const { registration, signer } = await registeredUser('direct', alg);
        const faulty = injectFault(spec, registration, { sign: signer });
        expect(faulty.applied).toBe(true);
        expect(await verifyRegistration(faulty.credential)).toMatch(refusal);
      });
    }
  }

  it('keeps every other check passing: the re-signed statement verifies when only UV is expected off', async () => {
    const { registration, signer } = await registeredUser('direct');
    const faulty = injectFault({ type: 'clear-uv' }, registration, { sign: signer });
    const verified = await verifyRegistrationResponse({
      response: faulty.credential as unknown as RegistrationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: ORIGIN,
      expectedRPID: RP_ID,
      requireUserVerification: false,
    });
    expect(verified.verified).toBe(true);
    expect(verified.registrationInfo?.userVerified).toBe(false);
  });

  it('with `none` attestation there is no signature to break; the other faults still apply', async () => {
    const { registration } = await registeredUser('none');
    expect(injectFault({ type: 'bad-signature' }, registration).applied).toBe(false);
    expect(await verifyRegistration(injectFault({ type: 'bad-signature' }, registration).credential)).toBe(
      'verified',
    );
    const noAcd = injectFault({ type: 'no-attested-credential-data' }, registration);
    expect(await verifyRegistration(noAcd.credential)).toMatch(/No credential ID/);
    // The page's getAuthenticatorData() gives the faulty authenticator data too.
    expect(
      decodeAuthData(Buffer.from(noAcd.credential.response.authenticatorData, 'base64url')).flags.AT,
    ).toBe(false);
  });
});

describe('faults at sign-in, refused by @simplewebauthn/server', () => {
  for (const alg of [-7, -8]) {
    it(`accepts the untouched assertion (alg ${alg})`, async () => {
      const { registration, signIn } = await registeredUser('none', alg);
      await signIn();
      expect(await verifyAssertion(registration, await signIn(), 1)).toBe('verified');
    });
    for (const [spec, refusal] of ASSERTION_FAULTS) {
      it(`refuses ${spec.type} (alg ${alg})`, async () => {
        const { registration, signer, signIn } = await registeredUser('none', alg);
        await signIn();
        const faulty = injectFault(spec, await signIn(), { sign: signer, counterBefore: 1 });
        expect(faulty.applied).toBe(true);
        expect(await verifyAssertion(registration, faulty.credential, 1)).toMatch(refusal);
      });
    }
  }

  it('a frozen counter stays frozen however often the key is used', async () => {
    const { registration, signer, signIn } = await registeredUser('none');
    await signIn();
    for (let i = 0; i < 3; i++) {
      const faulty = injectFault({ type: 'counter-frozen' }, await signIn(), {
        sign: signer,
        counterBefore: 1,
      });
      const authData = Buffer.from(faulty.credential.response.authenticatorData, 'base64url');
      expect(decodeAuthData(authData).signCount).toBe(1);
      expect(await verifyAssertion(registration, faulty.credential, 1)).toMatch(/lower than expected 1/);
    }
  });

  it('re-signs what it changed: a cleared UV flag alone still verifies where UV is not required', async () => {
    const { registration, signer, signIn } = await registeredUser('none');
    const faulty = injectFault({ type: 'clear-uv' }, await signIn(), { sign: signer });
    const verified = await verifyAuthenticationResponse({
      response: faulty.credential as unknown as AuthenticationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: ORIGIN,
      expectedRPID: RP_ID,
      credential: { ...(await publicKeyOf(registration)), counter: 0 },
      requireUserVerification: false,
    });
    expect(verified.verified).toBe(true);
    expect(verified.authenticationInfo.userVerified).toBe(false);
  });

  it('faults that are not about the response change nothing', async () => {
    const { signIn } = await registeredUser('none');
    const assertion = await signIn();
    for (const spec of [
      { type: 'delay', ms: 10 },
      { type: 'exception', name: 'NotAllowedError' },
    ] as const) {
      const result = injectFault(spec, assertion);
      expect(result.applied).toBe(false);
      expect(result.credential).toEqual(assertion);
    }
  });
});
