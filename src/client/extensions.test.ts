/**
 * The prf (WebAuthn L3 §10.1.4) and largeBlob (§10.1.5) extensions through both ceremonies, on fake
 * ports. Expected shapes are Chrome's (test/fixtures/extensions/chrome-extensions.json).
 */
import { verifyAuthenticationResponse, verifyRegistrationResponse } from '@simplewebauthn/server';
import { describe, expect, it } from 'vitest';
import { decodeCbor } from '../authenticator/cbor.ts';
import { createAuthenticator } from '../authenticator/create-authenticator.ts';
import { approvingGate, fakePorts } from '../authenticator/testing/fakes.ts';
import { fromBase64url, toBase64url, utf8 } from '../shared/bytes.ts';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '../shared/webauthn-json.ts';
import { createCredential, getCredential } from './ceremony.ts';

const ORIGIN = 'https://example.com';
const caller = { origin: ORIGIN, sameOriginWithAncestors: true };
const challenge = toBase64url(new Uint8Array(16).fill(9));
const b64 = (text: string) => toBase64url(utf8(text));

function setup(userVerified = true) {
  const ports = fakePorts({
    gate: approvingGate({
      create: () => ({ userPresent: true, userVerified }),
      get: (r) => ({ credentialId: r.candidates[0]!.credentialId, userPresent: true, userVerified }),
    }),
  });
  const authenticator = createAuthenticator(ports);
  const create = (extensions: unknown, residentKey = 'required', userId = 'dXNlcg') =>
    createCredential(
      {
        rp: { id: 'example.com', name: 'Example' },
        user: { id: userId, name: 'u', displayName: 'U' },
        challenge,
        pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
        authenticatorSelection: { residentKey },
        extensions,
      },
      caller,
      authenticator,
    );
  const get = (extensions: unknown, allow: string[] = []) =>
    getCredential(
      { challenge, allowCredentials: allow.map((id) => ({ type: 'public-key', id })), extensions },
      caller,
      authenticator,
    );
  return { ports, create, get };
}

async function rejects(promise: Promise<unknown>, name: string): Promise<void> {
  await expect(promise).rejects.toMatchObject({ name });
}

/** The flags byte and whether anything follows the fixed part of assertion authenticator data. */
function authDataShape(authenticatorData: string): { ed: boolean; length: number } {
  const bytes = fromBase64url(authenticatorData);
  return { ed: (bytes[32]! & 0x80) !== 0, length: bytes.length };
}

describe('prf at create (§10.1.4 registration)', () => {
  it('answers enabled: true when asked, with no eval', async () => {
    const { create } = setup();
    expect((await create({ prf: {} })).clientExtensionResults).toEqual({ prf: { enabled: true } });
  });

  it('evaluates eval at once, as Chrome does with hmac-secret-mc, and equals a later get()', async () => {
    const { create, get } = setup();
    const made = await create({ prf: { eval: { first: b64('a'), second: b64('b') } } });
    const results = made.clientExtensionResults.prf?.results;
    expect(made.clientExtensionResults.prf?.enabled).toBe(true);
    expect(fromBase64url(results!.first)).toHaveLength(32);
    expect(fromBase64url(results!.second!)).toHaveLength(32);
    const later = await get({ prf: { eval: { first: b64('a'), second: b64('b') } } }, [made.id]);
    expect(later.clientExtensionResults.prf?.results).toEqual(results);
  });

  it('gives no prf output when not asked, and makes the secrets anyway', async () => {
    const { create, get, ports } = setup();
    const made = await create({});
    expect(made.clientExtensionResults).toEqual({});
    expect(ports.store.records.get(made.id)?.prfSecrets?.withUv).toHaveLength(32);
    const later = await get({ prf: { eval: { first: b64('x') } } }, [made.id]);
    expect(fromBase64url(later.clientExtensionResults.prf!.results!.first)).toHaveLength(32);
  });

  it('refuses evalByCredential (NotSupportedError)', async () => {
    const { create } = setup();
    await rejects(create({ prf: { evalByCredential: { AAAA: { first: b64('a') } } } }), 'NotSupportedError');
  });

  it('leaves the RP-visible authenticator data without extension outputs (ED clear), as Chrome', async () => {
    const { create } = setup();
    const made = await create({ prf: { eval: { first: b64('a') } }, largeBlob: { support: 'required' } });
    const flags = fromBase64url(made.response.authenticatorData)[32]!;
    expect(flags & 0x80).toBe(0);
    const attestation = decodeCbor(fromBase64url(made.response.attestationObject)) as Map<string, unknown>;
    expect(attestation.get('authData')).toEqual(fromBase64url(made.response.authenticatorData));
  });
});

describe('prf at get (§10.1.4 authentication)', () => {
  it('gives the same 32 bytes for the same input, and different bytes for another input', async () => {
    const { create, get } = setup();
    const made = await create({ prf: {} });
    const one = await get({ prf: { eval: { first: b64('salt one') } } }, [made.id]);
    const again = await get({ prf: { eval: { first: b64('salt one') } } }, [made.id]);
    const other = await get({ prf: { eval: { first: b64('salt two') } } }, [made.id]);
    const first = one.clientExtensionResults.prf!.results!.first;
    expect(fromBase64url(first)).toHaveLength(32);
    expect(again.clientExtensionResults.prf!.results!.first).toBe(first);
    expect(other.clientExtensionResults.prf!.results!.first).not.toBe(first);
    expect(one.clientExtensionResults.prf!.results!.second).toBeUndefined();
    expect(authDataShape(one.response.authenticatorData)).toEqual({ ed: false, length: 37 });
  });

  it('uses CredRandomWithUV or CredRandomWithoutUV by the user-verification state', async () => {
    const verified = setup(true);
    const made = await verified.create({ prf: {} });
    const withUv = await verified.get({ prf: { eval: { first: b64('s') } } }, [made.id]);
    // The same credential, used without UV.
    const unverified = setup(false);
    unverified.ports.store.records.set(made.id, verified.ports.store.records.get(made.id)!);
    const withoutUv = await unverified.get({ prf: { eval: { first: b64('s') } } }, [made.id]);
    expect(withUv.clientExtensionResults.prf!.results!.first).not.toBe(
      withoutUv.clientExtensionResults.prf!.results!.first,
    );
  });

  it('picks evalByCredential by the used credential, falling back to eval', async () => {
    const { create, get } = setup();
    const a = await create({}, 'required', b64('alice'));
    const b = await create({}, 'required', b64('bob'));
    const byA = await get({ prf: { eval: { first: b64('x') } } }, [a.id]);
    const viaMap = await get(
      { prf: { eval: { first: b64('y') }, evalByCredential: { [a.id]: { first: b64('x') } } } },
      [a.id, b.id],
    );
    expect(viaMap.id).toBe(a.id);
    expect(viaMap.clientExtensionResults.prf!.results!.first).toBe(
      byA.clientExtensionResults.prf!.results!.first,
    );
    // b is not in the map: eval applies.
    const byB = await get({ prf: { eval: { first: b64('y') } } }, [b.id]);
    const fallback = await get(
      { prf: { eval: { first: b64('y') }, evalByCredential: { [a.id]: { first: b64('x') } } } },
      [b.id, a.id],
    );
    expect(fallback.id).toBe(b.id);
    expect(fallback.clientExtensionResults.prf!.results!.first).toBe(
      byB.clientExtensionResults.prf!.results!.first,
    );
  });

  it('answers prf: {} when there is nothing to evaluate, or the credential has no secrets', async () => {
    const { create, get, ports } = setup();
    const made = await create({});
    expect((await get({ prf: {} }, [made.id])).clientExtensionResults).toEqual({ prf: {} });
    // A credential from before Tapkey had hmac-secret.
    delete ports.store.records.get(made.id)!.prfSecrets;
    expect((await get({ prf: { eval: { first: b64('a') } } }, [made.id])).clientExtensionResults).toEqual({
      prf: {},
    });
  });

  it('checks evalByCredential keys (SyntaxError) and needs an allow list (NotSupportedError)', async () => {
    const { create, get } = setup();
    const made = await create({});
    await rejects(
      get({ prf: { evalByCredential: { [made.id]: { first: b64('a') } } } }),
      'NotSupportedError',
    );
    await rejects(
      get({ prf: { evalByCredential: { 'not base64!': { first: b64('a') } } } }, [made.id]),
      'SyntaxError',
    );
    await rejects(
      get({ prf: { evalByCredential: { AAAA: { first: b64('a') } } } }, [made.id]),
      'SyntaxError',
    );
  });
});

describe('largeBlob (§10.1.5)', () => {
  it('is supported for discoverable credentials, not for others; required then fails', async () => {
    const { create } = setup();
    expect((await create({ largeBlob: { support: 'preferred' } })).clientExtensionResults).toEqual({
      largeBlob: { supported: true },
    });
    expect((await create({ largeBlob: {} })).clientExtensionResults).toEqual({
      largeBlob: { supported: true },
    });
    expect(
      (await create({ largeBlob: { support: 'preferred' } }, 'discouraged')).clientExtensionResults,
    ).toEqual({
      largeBlob: { supported: false },
    });
    await rejects(create({ largeBlob: { support: 'required' } }, 'discouraged'), 'NotAllowedError');
  });

  it('refuses read/write at create and read with write at get (NotSupportedError)', async () => {
    const { create, get } = setup();
    await rejects(create({ largeBlob: { read: true } }), 'NotSupportedError');
    await rejects(create({ largeBlob: { write: b64('x') } }), 'NotSupportedError');
    const made = await create({ largeBlob: { support: 'required' } });
    await rejects(get({ largeBlob: { read: true, write: b64('x') } }, [made.id]), 'NotSupportedError');
    await rejects(get({ largeBlob: { write: b64('x') } }), 'NotSupportedError');
  });

  it('writes, then reads the blob back; an empty write erases it', async () => {
    const { create, get } = setup();
    const made = await create({ largeBlob: { support: 'required' } });
    expect((await get({ largeBlob: { read: true } }, [made.id])).clientExtensionResults).toEqual({
      largeBlob: {},
    });
    const blob = toBase64url(new Uint8Array(2048).map((_, i) => i & 0xff));
    expect((await get({ largeBlob: { write: blob } }, [made.id])).clientExtensionResults).toEqual({
      largeBlob: { written: true },
    });
    expect((await get({ largeBlob: { read: true } }, [made.id])).clientExtensionResults).toEqual({
      largeBlob: { blob },
    });
    // read: false asks for nothing.
    expect((await get({ largeBlob: { read: false } }, [made.id])).clientExtensionResults).toEqual({});
    expect((await get({ largeBlob: { write: '' } }, [made.id])).clientExtensionResults).toEqual({
      largeBlob: { written: true },
    });
    expect((await get({ largeBlob: { read: true } }, [made.id])).clientExtensionResults).toEqual({
      largeBlob: {},
    });
  });

  it('does not write for a credential without a blob store (written: false)', async () => {
    const { create, get } = setup();
    const made = await create({}, 'discouraged');
    expect((await get({ largeBlob: { write: b64('x') } }, [made.id])).clientExtensionResults).toEqual({
      largeBlob: { written: false },
    });
    expect((await get({ largeBlob: { read: true } }, [made.id])).clientExtensionResults).toEqual({
      largeBlob: {},
    });
  });

  it('refuses a blob over 2048 bytes', async () => {
    const { create, get } = setup();
    const made = await create({ largeBlob: { support: 'required' } });
    await rejects(
      get({ largeBlob: { write: toBase64url(new Uint8Array(2049)) } }, [made.id]),
      'NotSupportedError',
    );
  });
});

describe('responses with prf and largeBlob still verify (@simplewebauthn/server)', () => {
  it('registers and signs in', async () => {
    const { create, get } = setup();
    const reg: RegistrationResponseJSON = await create({
      prf: { eval: { first: b64('a') } },
      largeBlob: { support: 'required' },
      credProps: true,
    });
    const verified = await verifyRegistrationResponse({
      response: reg as unknown as Parameters<typeof verifyRegistrationResponse>[0]['response'],
      expectedChallenge: challenge,
      expectedOrigin: ORIGIN,
      expectedRPID: 'example.com',
    });
    expect(verified.verified).toBe(true);
    const info = verified.registrationInfo!;
    const auth: AuthenticationResponseJSON = await get(
      { prf: { eval: { first: b64('a') } }, largeBlob: { write: b64('blob') } },
      [reg.id],
    );
    const checked = await verifyAuthenticationResponse({
      response: auth as unknown as Parameters<typeof verifyAuthenticationResponse>[0]['response'],
      expectedChallenge: challenge,
      expectedOrigin: ORIGIN,
      expectedRPID: 'example.com',
      credential: { id: info.credential.id, publicKey: info.credential.publicKey, counter: 0 },
    });
    expect(checked.verified).toBe(true);
  });
});

describe('the prompt is told what runs besides signing (never a value)', () => {
  it('names prf and the large-blob operation', async () => {
    const seen: unknown[] = [];
    const ports = fakePorts({
      gate: approvingGate({
        create: (r) => {
          seen.push(r.extensions);
          return { userPresent: true, userVerified: false };
        },
        get: (r) => {
          seen.push(r.extensions);
          return { credentialId: r.candidates[0]!.credentialId, userPresent: true, userVerified: false };
        },
      }),
    });
    const authenticator = createAuthenticator(ports);
    const made = await createCredential(
      {
        rp: { id: 'example.com', name: 'Example' },
        user: { id: 'dXNlcg', name: 'u', displayName: 'U' },
        challenge,
        pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
        authenticatorSelection: { residentKey: 'required' },
        extensions: { prf: { eval: { first: b64('a') } }, largeBlob: { support: 'preferred' } },
      },
      caller,
      authenticator,
    );
    const get = (extensions: unknown) =>
      getCredential(
        { challenge, allowCredentials: [{ type: 'public-key', id: made.id }], extensions },
        caller,
        authenticator,
      );
    await get({ prf: { eval: { first: b64('a') } }, largeBlob: { write: b64('x') } });
    await get({ largeBlob: { read: true } });
    await get({});
    expect(seen).toEqual([
      ['prf', 'largeBlob-store'],
      ['prf', 'largeBlob-write'],
      ['largeBlob-read'],
      undefined,
    ]);
  });
});
