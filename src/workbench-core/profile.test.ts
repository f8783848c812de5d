/**
 * Each authenticator profile option, through Tapkey's own client and authenticator (fake ports) and
 * the workbench's option and response adaptation, checked by @simplewebauthn/server 14, which knows
 * packed (self and full), fido-u2f and none, and ES256, EdDSA and RS256. The default profile gives
 * exactly the bytes Tapkey gives without one.
 */
import {
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
  SettingsService,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { afterEach, describe, expect, it } from 'vitest';
import { createAuthenticator } from '../authenticator/create-authenticator.ts';
import type { UserGate } from '../authenticator/ports.ts';
import { approvingGate, fakePorts, seededRandom } from '../authenticator/testing/fakes.ts';
import { rsaKeyPkcs8 } from '../background/workbench/rsa-key.ts';
import { createCredential, getCredential } from '../client/ceremony.ts';
import type { CallerContext } from '../client/types.ts';
import { toBase64url } from '../shared/bytes.ts';
import {
  adaptOptions,
  adaptResponse,
  needsTestCa,
  PROFILE_PRESETS,
  type ProfileSetting,
  type StoredTestCa,
  toAuthenticatorProfile,
} from './profile-setting.ts';
import { certificatePem, makeTestCa, type TestCa } from './test-ca.ts';

const ORIGIN = 'https://login.example.com';
const RP_ID = 'example.com';
const caller: CallerContext = { origin: ORIGIN, sameOriginWithAncestors: true };
const challenge = toBase64url(new Uint8Array(32).fill(9));
const preset = (name: string): ProfileSetting => structuredClone(PROFILE_PRESETS[name]!);

/** The user always verifies at the prompt: a profile without UV must still report none. */
const verifyingGate = (): UserGate =>
  approvingGate({
    create: () => ({ userPresent: true, userVerified: true }),
    get: (r) => ({ credentialId: r.candidates[0]!.credentialId, userPresent: true, userVerified: true }),
  });

function storedCa(ca: TestCa, aaguid: string): StoredTestCa {
  return { root: toBase64url(ca.root), leaf: toBase64url(ca.leaf), leafKey: toBase64url(ca.leafKey), aaguid };
}

interface RunOptions {
  setting?: ProfileSetting;
  testCa?: StoredTestCa;
  create?: Record<string, unknown>;
  get?: Record<string, unknown>;
}

/** Registers (and signs in twice) through the profile; returns what the page and the RP saw. */
async function run(options: RunOptions) {
  const { setting } = options;
  const ports = fakePorts({
    gate: verifyingGate(),
    rsaKey: rsaKeyPkcs8,
    ...(setting ? { profile: toAuthenticatorProfile(setting, options.testCa) } : {}),
  });
  const authenticator = createAuthenticator(ports);
  const createOptions = {
    rp: { id: RP_ID, name: 'Example' },
    user: { id: toBase64url(new TextEncoder().encode('user-1')), name: 'alice', displayName: 'Alice' },
    challenge,
    pubKeyCredParams: [-7, -8, -257].map((alg) => ({ type: 'public-key', alg })),
    attestation: 'direct',
    extensions: { credProps: true },
    ...options.create,
  };
  const adapted = setting ? adaptOptions('create', createOptions, setting) : { options: createOptions };
  if ('refuse' in adapted) return { refused: adapted.refuse.name };
  if ('handBack' in adapted) return { handedBack: adapted.handBack };
  let registration = await createCredential(adapted.options, caller, authenticator);
  if (setting) registration = adaptResponse(registration, setting);
  const verified = await verifyRegistrationResponse({
    response: registration as unknown as RegistrationResponseJSON,
    expectedChallenge: challenge,
    expectedOrigin: ORIGIN,
    expectedRPID: RP_ID,
    requireUserVerification: false,
    supportedAlgorithmIDs: [-7, -8, -257],
  });
  const info = verified.registrationInfo!;
  const signIns = [];
  let counter = info.credential.counter;
  for (let i = 0; i < 2; i++) {
    const getOptions = {
      challenge,
      rpId: RP_ID,
      allowCredentials: [{ type: 'public-key', id: registration.id }],
      ...options.get,
    };
    const adaptedGet = setting ? adaptOptions('get', getOptions, setting) : { options: getOptions };
    if ('refuse' in adaptedGet) return { refused: adaptedGet.refuse.name };
    if ('handBack' in adaptedGet) return { handedBack: adaptedGet.handBack };
    let assertion = await getCredential(adaptedGet.options, caller, authenticator);
    if (setting) assertion = adaptResponse(assertion, setting);
    const checked = await verifyAuthenticationResponse({
      response: assertion as unknown as AuthenticationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: ORIGIN,
      expectedRPID: RP_ID,
      credential: { ...info.credential, counter },
      requireUserVerification: false,
    });
    counter = checked.authenticationInfo.newCounter;
    signIns.push({ verified: checked.verified, ...checked.authenticationInfo, assertion });
  }
  return { registration, verified, info, signIns };
}

afterEach(() => {
  SettingsService.setRootCertificates({ identifier: 'packed', certificates: [] });
  SettingsService.setRootCertificates({ identifier: 'fido-u2f', certificates: [] });
});

describe('the default profile', () => {
  it('is Tapkey as it always was: the same bytes with the tapkey preset as with no profile', async () => {
    const random = () => seededRandom('parity');
    const bare = fakePorts({ random: random() });
    const profiled = fakePorts({ random: random(), profile: toAuthenticatorProfile(preset('tapkey')) });
    const options = {
      rp: { id: RP_ID, name: 'Example' },
      user: { id: 'dXNlcg', name: 'alice', displayName: 'Alice' },
      challenge,
      pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
      attestation: 'direct',
    };
    const adapted = adaptOptions('create', options, preset('tapkey'));
    if (!('options' in adapted)) throw new Error('refused');
    const a = await createCredential(options, caller, createAuthenticator(bare));
    const b = adaptResponse(
      await createCredential(adapted.options, caller, createAuthenticator(profiled)),
      preset('tapkey'),
    );
    expect(b).toEqual(a);
  });
});

describe('each profile option, verified by @simplewebauthn/server', () => {
  it('algorithms: the first of the RP’s list the profile offers; RS256 with packed self attestation', async () => {
    const ed = await run({ setting: { ...preset('tapkey'), algorithms: [-8] } });
    expect(ed.registration?.response.publicKeyAlgorithm).toBe(-8);
    expect(ed.verified?.verified).toBe(true);
    const rs = await run({ setting: preset('rs256') });
    expect(rs.registration?.response.publicKeyAlgorithm).toBe(-257);
    expect(rs.info?.fmt).toBe('packed');
    expect(rs.signIns?.map((s) => s.verified)).toEqual([true, true]);
    // None offered that the RP accepts: refused as Chrome refuses, NotAllowedError.
    await expect(
      run({ setting: preset('rs256'), create: { pubKeyCredParams: [{ type: 'public-key', alg: -7 }] } }),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
  });

  it('resident keys off: "preferred" makes a non-discoverable credential, "required" is refused', async () => {
    const setting = { ...preset('tapkey'), residentKeys: false };
    const preferred = await run({
      setting,
      create: { authenticatorSelection: { residentKey: 'preferred' } },
    });
    expect(preferred.registration?.clientExtensionResults.credProps).toEqual({ rk: false });
    expect(preferred.verified?.verified).toBe(true);
    expect(await run({ setting, create: { authenticatorSelection: { residentKey: 'required' } } })).toEqual({
      refused: 'NotAllowedError',
    });
  });

  it('UV off: never reported even when the user verified; "required" is refused', async () => {
    const setting = { ...preset('tapkey'), userVerification: false };
    const done = await run({
      setting,
      create: { authenticatorSelection: { userVerification: 'preferred' } },
    });
    expect(done.info?.userVerified).toBe(false);
    expect(done.signIns?.map((s) => s.userVerified)).toEqual([false, false]);
    expect(await run({ setting, get: { userVerification: 'required' } })).toEqual({
      refused: 'NotAllowedError',
    });
    // And on: the same gate's UV reaches the RP.
    expect((await run({ setting: preset('tapkey') })).info?.userVerified).toBe(true);
  });

  it('attestation none: fmt none even when the RP asks for direct', async () => {
    const none = await run({ setting: { ...preset('tapkey'), attestation: 'none' } });
    expect(none.info?.fmt).toBe('none');
  });

  it('attestation packed with the test CA: verifies against its root, not against another', async () => {
    const setting = preset('enterprise');
    expect(needsTestCa(setting)).toBe(true);
    const aaguid = Uint8Array.from(Buffer.from(setting.aaguid.replace(/-/g, ''), 'hex'));
    const ca = makeTestCa({ random: seededRandom('ca'), now: Date.now(), aaguid, label: 'localhost' });
    const testCa = storedCa(ca, setting.aaguid);
    SettingsService.setRootCertificates({ identifier: 'packed', certificates: [certificatePem(ca.root)] });
    const full = await run({ setting, testCa });
    expect(full.info?.fmt).toBe('packed');
    expect(full.info?.aaguid).toBe(setting.aaguid);
    expect(full.verified?.verified).toBe(true);
    const other = makeTestCa({ random: seededRandom('other'), now: Date.now(), aaguid, label: 'other' });
    SettingsService.setRootCertificates({ identifier: 'packed', certificates: [certificatePem(other.root)] });
    await expect(run({ setting, testCa })).rejects.toThrow(/Packed\|Full/);
    // The certificate names the AAGUID: a profile whose AAGUID differs is refused.
    SettingsService.setRootCertificates({ identifier: 'packed', certificates: [certificatePem(ca.root)] });
    await expect(
      run({ setting: { ...setting, aaguid: '11111111-2222-4333-8444-555555555555' }, testCa }),
    ).rejects.toThrow(/AAGUID/i);
  });

  it('attestation fido-u2f (the U2F preset): verifies against the CA root, AAGUID zero, no resident key', async () => {
    const setting = preset('u2f');
    const ca = makeTestCa({ random: seededRandom('u2f'), now: Date.now(), label: 'u2f' });
    SettingsService.setRootCertificates({ identifier: 'fido-u2f', certificates: [certificatePem(ca.root)] });
    const u2f = await run({ setting, testCa: storedCa(ca, setting.aaguid) });
    expect(u2f.info?.fmt).toBe('fido-u2f');
    expect(u2f.info?.aaguid).toBe('00000000-0000-0000-0000-000000000000');
    expect(u2f.registration?.clientExtensionResults.credProps).toEqual({ rk: false });
    expect(u2f.signIns?.map((s) => s.verified)).toEqual([true, true]);
  });

  it('AAGUID: the one the profile names', async () => {
    const aaguid = '01234567-89ab-4cde-8f01-23456789abcd';
    expect((await run({ setting: { ...preset('tapkey'), aaguid } })).info?.aaguid).toBe(aaguid);
  });

  it('BE and BS: a backed-up multi-device credential, at registration and sign-in', async () => {
    const synced = await run({ setting: preset('synced') });
    expect(synced.info?.credentialDeviceType).toBe('multiDevice');
    expect(synced.info?.credentialBackedUp).toBe(true);
    expect(synced.signIns?.map((s) => [s.credentialDeviceType, s.credentialBackedUp])).toEqual([
      ['multiDevice', true],
      ['multiDevice', true],
    ]);
    const bare = await run({});
    expect(bare.info?.credentialDeviceType).toBe('singleDevice');
  });

  it('transports and attachment reported as the profile says', async () => {
    const synced = await run({ setting: preset('synced') });
    expect(synced.registration?.response.transports).toEqual(['hybrid', 'internal']);
    expect(synced.info?.credential.transports).toEqual(['hybrid', 'internal']);
    expect(synced.registration?.authenticatorAttachment).toBe('platform');
    expect(synced.signIns?.[0]?.assertion.authenticatorAttachment).toBe('platform');
  });

  it('extensions off: no output for them, and largeBlob "required" is refused', async () => {
    const off = { ...preset('tapkey'), extensions: { credProps: false, prf: false, largeBlob: false } };
    const asked = {
      create: {
        authenticatorSelection: { residentKey: 'required' },
        extensions: { credProps: true, prf: {}, largeBlob: { support: 'preferred' } },
      },
    };
    const on = await run({ setting: preset('tapkey'), ...asked });
    expect(Object.keys(on.registration?.clientExtensionResults ?? {}).sort()).toEqual([
      'credProps',
      'largeBlob',
      'prf',
    ]);
    const none = await run({ setting: off, ...asked });
    expect(none.registration?.clientExtensionResults).toEqual({});
    expect(none.verified?.verified).toBe(true);
    expect(
      await run({
        setting: off,
        create: {
          authenticatorSelection: { residentKey: 'required' },
          extensions: { largeBlob: { support: 'required' } },
        },
      }),
    ).toEqual({ refused: 'NotAllowedError' });
  });

  it('counter always zero: every sign-in reports 0, which the RP accepts', async () => {
    const zero = await run({ setting: { ...preset('tapkey'), counter: 'zero' } });
    expect(zero.signIns?.map((s) => [s.verified, s.newCounter])).toEqual([
      [true, 0],
      [true, 0],
    ]);
    const counting = await run({ setting: preset('tapkey') });
    expect(counting.signIns?.map((s) => s.newCounter)).toEqual([1, 2]);
  });

  it('resident keys off: a sign-in without allowCredentials finds none of the discoverable passkeys made before', async () => {
    const ports = fakePorts({ gate: verifyingGate() });
    const options = {
      rp: { id: RP_ID, name: 'Example' },
      user: { id: 'dXNlcg', name: 'alice', displayName: 'Alice' },
      challenge,
      pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
      authenticatorSelection: { residentKey: 'required' },
    };
    await createCredential(options, caller, createAuthenticator(ports));
    const signIn = { challenge, rpId: RP_ID };
    // The default profile finds the discoverable passkey; a U2F-like one does not.
    await expect(getCredential(signIn, caller, createAuthenticator(ports))).resolves.toBeTruthy();
    const shown: number[] = [];
    const u2f = createAuthenticator({
      ...ports,
      gate: approvingGate({
        get: (r) => {
          shown.push(r.candidates.length);
          return { credentialId: new Uint8Array(1), userPresent: true, userVerified: false };
        },
      }),
      profile: toAuthenticatorProfile({ ...preset('tapkey'), residentKeys: false }),
    });
    await expect(getCredential(signIn, caller, u2f)).rejects.toMatchObject({ name: 'NotAllowedError' });
    expect(shown).toEqual([0]);
  });

  it('attachment: a platform profile answers a request for the platform authenticator and hands back a cross-platform one', async () => {
    const platform = await run({
      setting: preset('synced'),
      create: { authenticatorSelection: { authenticatorAttachment: 'platform' } },
    });
    expect(platform.verified?.verified).toBe(true);
    expect(platform.registration?.authenticatorAttachment).toBe('platform');
    const options = { authenticatorSelection: { authenticatorAttachment: 'cross-platform' } };
    expect(adaptOptions('create', options, preset('synced'))).toHaveProperty('handBack');
    // The default profile is a roaming key: a platform request goes to the browser, as without one.
    await expect(
      run({
        setting: preset('tapkey'),
        create: { authenticatorSelection: { authenticatorAttachment: 'platform' } },
      }),
    ).rejects.toMatchObject({ name: 'HandBackToBrowser' });
    expect(adaptOptions('create', options, preset('tapkey'))).toHaveProperty('options');
  });
});
