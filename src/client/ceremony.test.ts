/**
 * The whole client + authenticator path, checked by verifiers no one here wrote:
 * @simplewebauthn/server 14 and fido2-lib 3 (registration and authentication).
 */
import { verifyAuthenticationResponse, verifyRegistrationResponse } from '@simplewebauthn/server';
import { Fido2Lib } from 'fido2-lib';
import { describe, expect, it } from 'vitest';
import { createAuthenticator } from '../authenticator/create-authenticator.ts';
import { AuthenticatorError } from '../authenticator/errors.ts';
import type { AuthenticatorPorts } from '../authenticator/ports.ts';
import { approvingGate, fakePorts } from '../authenticator/testing/fakes.ts';
import { fromBase64url, toArrayBuffer, toBase64url } from '../shared/bytes.ts';
import * as client from './ceremony.ts';
import type { CallerContext } from './types.ts';

const { HandBackToBrowser } = client;
/** The ceremonies against an authenticator on fake ports, so each test can look into its store and gate. */
const createCredential = (input: unknown, caller: CallerContext, ports: AuthenticatorPorts) =>
  client.createCredential(input, caller, createAuthenticator(ports));
const getCredential = (input: unknown, caller: CallerContext, ports: AuthenticatorPorts) =>
  client.getCredential(input, caller, createAuthenticator(ports));

const ORIGIN = 'https://login.example.com';
const caller: CallerContext = { origin: ORIGIN, sameOriginWithAncestors: true };
const challenge = toBase64url(new Uint8Array(32).fill(7));
const userId = toBase64url(new TextEncoder().encode('user-1'));

function creationOptions(extra: Record<string, unknown> = {}) {
  return {
    rp: { id: 'example.com', name: 'Example' },
    user: { id: userId, name: 'alice@example.com', displayName: 'Alice' },
    challenge,
    pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
    ...extra,
  };
}

async function expectName(promise: Promise<unknown>, name: string): Promise<void> {
  await expect(promise).rejects.toMatchObject({ name });
}

describe('create → @simplewebauthn/server', () => {
  for (const alg of [-7, -8]) {
    for (const attestation of ['none', 'direct'] as const) {
      it(`registers alg ${alg} with ${attestation} attestation and signs in`, async () => {
        const ports = fakePorts();
        const reg = await createCredential(
          creationOptions({ pubKeyCredParams: [{ type: 'public-key', alg }], attestation }),
          caller,
          ports,
        );
        const verified = await verifyRegistrationResponse({
          // simplewebauthn types prf results as BufferSource; the JSON form has base64url strings.
          response: reg as unknown as Parameters<typeof verifyRegistrationResponse>[0]['response'],
          expectedChallenge: challenge,
          expectedOrigin: ORIGIN,
          expectedRPID: 'example.com',
          requireUserVerification: false,
          supportedAlgorithmIDs: [-7, -8],
        });
        expect(verified.verified).toBe(true);
        expect(verified.registrationInfo?.fmt).toBe(attestation === 'direct' ? 'packed' : 'none');
        expect(verified.registrationInfo?.aaguid).toBe('7a3c5e1f-9b2d-4c8e-a6f0-3d1b5e7c9a24');
        expect(verified.registrationInfo?.credentialDeviceType).toBe('singleDevice');
        expect(reg.response.publicKeyAlgorithm).toBe(alg);

        const info = verified.registrationInfo!;
        for (let n = 1; n <= 2; n++) {
          const auth = await getCredential(
            { challenge, rpId: 'example.com', allowCredentials: [{ type: 'public-key', id: reg.id }] },
            caller,
            ports,
          );
          const checked = await verifyAuthenticationResponse({
            response: auth as unknown as Parameters<typeof verifyAuthenticationResponse>[0]['response'],
            expectedChallenge: challenge,
            expectedOrigin: ORIGIN,
            expectedRPID: 'example.com',
            requireUserVerification: false,
            credential: { id: info.credential.id, publicKey: info.credential.publicKey, counter: n - 1 },
          });
          expect(checked.verified).toBe(true);
          expect(checked.authenticationInfo.newCounter).toBe(n);
          expect(auth.response.userHandle).toBe(userId);
        }
      });
    }
  }
});

describe('create → fido2-lib', () => {
  for (const attestation of ['none', 'direct'] as const) {
    it(`passes fido2-lib's ${attestation} attestation and discoverable assertion checks`, async () => {
      const ports = fakePorts();
      const f2l = new Fido2Lib({ rpId: 'example.com', rpName: 'Example', cryptoParams: [-7], attestation });
      const reg = await createCredential(
        creationOptions({ attestation, authenticatorSelection: { residentKey: 'required' } }),
        caller,
        ports,
      );
      const att = await f2l.attestationResult(
        { rawId: toArrayBuffer(fromBase64url(reg.rawId)), response: reg.response },
        { challenge, origin: ORIGIN, factor: 'either', rpId: 'example.com' },
      );
      expect(att.authnrData.get('fmt')).toBe(attestation === 'direct' ? 'packed' : 'none');
      const pem = att.authnrData.get('credentialPublicKeyPem') as string;

      // Empty allowCredentials: the discoverable credential is found and its user handle returned.
      const auth = await getCredential({ challenge, rpId: 'example.com' }, caller, ports);
      const result = await f2l.assertionResult(
        {
          rawId: toArrayBuffer(fromBase64url(auth.rawId)),
          response: {
            clientDataJSON: auth.response.clientDataJSON,
            authenticatorData: toArrayBuffer(fromBase64url(auth.response.authenticatorData)),
            signature: auth.response.signature,
            userHandle: auth.response.userHandle!,
          },
        },
        {
          challenge,
          origin: ORIGIN,
          factor: 'either',
          rpId: 'example.com',
          publicKey: pem,
          prevCounter: 0,
          userHandle: userId,
        },
      );
      expect(result.authnrData.get('counter')).toBe(1);
    });
  }
});

describe('client extension results and flags', () => {
  it('reports credProps.rk and sets UP (not UV) without a PIN', async () => {
    const ports = fakePorts();
    const reg = await createCredential(
      creationOptions({
        extensions: { credProps: true },
        authenticatorSelection: { residentKey: 'preferred' },
      }),
      caller,
      ports,
    );
    expect(reg.clientExtensionResults).toEqual({ credProps: { rk: true } });
    const flags = fromBase64url(reg.response.authenticatorData)[32]!;
    expect(flags & 0x01).toBe(0x01); // UP
    expect(flags & 0x04).toBe(0); // UV
    expect(flags & 0x18).toBe(0); // BE, BS: device-bound
    expect(flags & 0x40).toBe(0x40); // AT
    expect(flags & 0x80).toBe(0); // ED: no extensions
  });

  it('sets UV when the gate verified the user', async () => {
    const ports = fakePorts({
      gate: approvingGate({ create: () => ({ userPresent: true, userVerified: true }) }),
    });
    const reg = await createCredential(
      creationOptions({ authenticatorSelection: { userVerification: 'required' } }),
      caller,
      ports,
    );
    expect(fromBase64url(reg.response.authenticatorData)[32]! & 0x04).toBe(0x04);
  });

  it('picks the first supported algorithm in the RP order', async () => {
    const reg = await createCredential(
      creationOptions({
        pubKeyCredParams: [
          { type: 'public-key', alg: -257 },
          { type: 'public-key', alg: -8 },
          { type: 'public-key', alg: -7 },
        ],
      }),
      caller,
      fakePorts(),
    );
    expect(reg.response.publicKeyAlgorithm).toBe(-8);
  });
});

describe('errors the page sees', () => {
  it('excluded credential → InvalidStateError, only after the tap, nothing stored', async () => {
    const ports = fakePorts();
    const reg = await createCredential(creationOptions(), caller, ports);
    const gate = approvingGate();
    const again = createCredential(
      creationOptions({ excludeCredentials: [{ type: 'public-key', id: reg.id }] }),
      caller,
      { ...ports, gate },
    );
    await expectName(again, 'InvalidStateError');
    expect(gate.calls).toEqual(['create:example.com:excluded']);
    expect(ports.store.records.size).toBe(1);
  });

  it('no supported algorithm → NotAllowedError, without asking the user', async () => {
    const gate = approvingGate();
    const ports = fakePorts({ gate });
    await expectName(
      createCredential(
        creationOptions({ pubKeyCredParams: [{ type: 'public-key', alg: -257 }] }),
        caller,
        ports,
      ),
      'NotAllowedError',
    );
    expect(gate.calls).toEqual([]);
    expect(ports.store.records.size).toBe(0);
  });

  it('no public-key parameter at all → NotSupportedError', async () => {
    await expectName(
      createCredential(
        creationOptions({ pubKeyCredParams: [{ type: 'password', alg: -7 }] }),
        caller,
        fakePorts(),
      ),
      'NotSupportedError',
    );
  });

  it('missing challenge → TypeError; bad RP ID → SecurityError', async () => {
    const { challenge: _, ...noChallenge } = creationOptions();
    await expectName(createCredential(noChallenge, caller, fakePorts()), 'TypeError');
    await expectName(
      createCredential(creationOptions({ rp: { id: 'evil.com', name: 'x' } }), caller, fakePorts()),
      'SecurityError',
    );
    await expectName(getCredential({ challenge, rpId: 'co.uk' }, caller, fakePorts()), 'SecurityError');
  });

  it('user cancel → NotAllowedError; hand-back → HandBackToBrowser', async () => {
    const deny = (code: 'CTAP2_ERR_OPERATION_DENIED' | 'USER_CHOSE_PLATFORM') =>
      fakePorts({
        gate: approvingGate({
          create: () => {
            throw new AuthenticatorError(code, 'no');
          },
        }),
      });
    await expectName(
      createCredential(creationOptions(), caller, deny('CTAP2_ERR_OPERATION_DENIED')),
      'NotAllowedError',
    );
    await expect(
      createCredential(creationOptions(), caller, deny('USER_CHOSE_PLATFORM')),
    ).rejects.toBeInstanceOf(HandBackToBrowser);
  });

  it('UV required but not performed, or no presence → NotAllowedError, nothing stored or signed', async () => {
    const ports = fakePorts();
    const reg = await createCredential(creationOptions(), caller, ports);
    const required = { userVerification: 'required' };
    for (const approval of [
      { userPresent: true, userVerified: false },
      { userPresent: false, userVerified: true },
    ]) {
      const gate = approvingGate({
        create: () => approval,
        get: (r) => ({ credentialId: r.candidates[0]!.credentialId, ...approval }),
      });
      await expectName(
        createCredential(creationOptions({ authenticatorSelection: required }), caller, { ...ports, gate }),
        'NotAllowedError',
      );
      await expectName(
        getCredential(
          {
            challenge,
            rpId: 'example.com',
            allowCredentials: [{ type: 'public-key', id: reg.id }],
            ...required,
          },
          caller,
          { ...ports, gate },
        ),
        'NotAllowedError',
      );
    }
    expect(ports.store.records.size).toBe(1);
    expect(ports.store.records.get(reg.id)?.signCount).toBe(0);
  });

  it('credentials of another RP are invisible: the user sees an empty chooser', async () => {
    const ports = fakePorts();
    const reg = await createCredential(creationOptions(), caller, ports);
    const gate = approvingGate();
    const other: CallerContext = { origin: 'https://other.org', sameOriginWithAncestors: true };
    await expectName(
      getCredential({ challenge, allowCredentials: [{ type: 'public-key', id: reg.id }] }, other, {
        ...ports,
        gate,
      }),
      'NotAllowedError',
    );
    expect(gate.calls).toEqual(['get:other.org:0']);
  });
});

describe('authenticatorAttachment', () => {
  it('"platform" is handed to the browser: a roaming key is not what the RP asked for', async () => {
    const ports = fakePorts();
    await expect(
      createCredential(
        creationOptions({ authenticatorSelection: { authenticatorAttachment: 'platform' } }),
        caller,
        ports,
      ),
    ).rejects.toBeInstanceOf(HandBackToBrowser);
    expect(ports.store.records.size).toBe(0);
  });
});
